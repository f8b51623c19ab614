package both // want package:"database: embedded and server"

import (
	_ "github.com/jackc/pgx/v5/pgxpool"
	_ "liteuser"
)
