// Package codes makes a user's backup codes: as many as the code says.
package codes

import (
	"crypto/rand"
	"encoding/hex"
)

// Count is how many backup codes a user gets.
const Count = 4

// Generate makes Count codes, filled by index.
func Generate() ([]string, error) {
	out := make([]string, Count)
	for i := range out {
		b := make([]byte, 5)
		if _, err := rand.Read(b); err != nil {
			return nil, err
		}
		out[i] = hex.EncodeToString(b)
	}
	return out, nil
}

// Many makes as many codes as it is asked for.
func Many(n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, hex.EncodeToString([]byte{byte(i)}))
	}
	return out
}
