package precision

import (
	"context"
	"slices"

	"github.com/lib/pq"
)

// chunk splits ids into lists of at most n, as samber/lo's Chunk does.
func chunk[T any](ids []T, n int) [][]T {
	var out [][]T
	for n < len(ids) {
		ids, out = ids[n:], append(out, ids[:n])
	}
	return append(out, ids)
}

type ability struct{ ChannelID int64 }

func insertAbilities(ctx context.Context, abilities []ability) error { return nil }

// Chunks of 50 (new-api's abilities): one round trip per chunk is the
// batching, not an N+1.
func deleteAbilities(ctx context.Context, ids []int64) error {
	for _, c := range chunk(ids, 50) {
		if _, err := db.ExecContext(ctx, "DELETE FROM abilities WHERE channel_id = ANY($1)", pq.Array(c)); err != nil {
			return err
		}
	}
	return nil
}

// ... a list made from the chunk in the iteration, and Go's own chunks.
func renameChannels(ctx context.Context, channels []ability) error {
	for c := range slices.Chunk(channels, 50) {
		ids := make([]int64, 0, len(c))
		for _, ch := range c {
			ids = append(ids, ch.ChannelID)
		}
		if _, err := db.ExecContext(ctx, "UPDATE channels SET tag = '' WHERE id = ANY($1)", ids); err != nil {
			return err
		}
	}
	return nil
}

// ... a window of the list.
func touchAll(ctx context.Context, ids []int64) {
	for i := 0; i < len(ids); i += 100 {
		end := min(i+100, len(ids))
		db.ExecContext(ctx, "UPDATE users SET seen = now() WHERE id = ANY($1)", ids[i:end])
	}
}

// A row's values spread into the call, and a []byte, are one item each.
func insertRows(ctx context.Context, rows [][]any, lines [][]byte) {
	for _, row := range rows {
		db.ExecContext(ctx, "INSERT INTO t (a, b) VALUES ($1, $2)", row...) // want `db.ExecContext in a loop runs one query per iteration`
	}
	for _, line := range lines {
		db.ExecContext(ctx, "INSERT INTO logs (line) VALUES ($1)", line) // want `db.ExecContext in a loop runs one query per iteration`
	}
}

// A chunk's items one by one are still one query each.
func perItemOfChunk(ctx context.Context, ids []int64) {
	for _, c := range chunk(ids, 50) {
		db.ExecContext(ctx, "DELETE FROM abilities WHERE channel_id = $1", c[0]) // want `db.ExecContext in a loop runs one query per iteration`
	}
}
