package lite // want package:"database: embedded"

import _ "modernc.org/sqlite"
