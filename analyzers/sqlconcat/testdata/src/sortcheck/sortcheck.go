// Package sortcheck validates sort columns and sends no SQL: its
// validators reach the packages that do through facts.
package sortcheck

import (
	"errors"
	"fmt"
	"slices"
)

var columns = []string{"id", "name", "created_at"}

// Validate rejects a column that is not one of columns.
func Validate(col string) error { // want Validate:`validates parameters \[0\]`
	if !slices.Contains(columns, col) {
		return fmt.Errorf("invalid sort column %q", col)
	}
	return nil
}

// Column returns col when it is one of columns.
func Column(col string) (string, error) { // want Column:`validates parameters \[0\]` Column:`sql text: {safe}`
	for _, c := range columns {
		if c == col {
			return col, nil
		}
	}
	return "", errors.New("invalid sort column")
}

// Known reports whether col is a known column.
func Known(col string) bool { // want Known:`validates parameters \[0\]`
	return slices.Contains(columns, col)
}

// Logged checks col but says yes either way: it vouches for nothing.
func Logged(col string) bool {
	if !slices.Contains(columns, col) {
		fmt.Println("unknown column", col)
	}
	return true
}
