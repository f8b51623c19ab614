// Package sqlite is a fake of modernc.org/sqlite, imported for its side
// effect: it registers the "sqlite" database/sql driver.
package sqlite
