// Package mysql is a fake of github.com/go-sql-driver/mysql: imported for
// its side effect, it registers the "mysql" driver.
package mysql
