package gorm

func (db *DB) Limit(limit int) (tx *DB) { return db }
