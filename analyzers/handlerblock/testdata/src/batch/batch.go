// Package batch runs a batch of writes in one transaction, in a
// goroutine the transaction's callback waits for in a select that gives
// up when the client leaves or the time is up, and rolls back
// (pocketbase's batch API).
package batch

import (
	"database/sql"
	"errors"
	"net/http"
	"time"
)

var db *sql.DB

// inTx runs fn in a transaction begun without a context.
func inTx(fn func(tx *sql.Tx) error) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func apply(tx *sql.Tx, r *http.Request) error {
	_, err := tx.ExecContext(r.Context(), "UPDATE items SET n = n + 1")
	return err
}

// process gives up on the batch when the client leaves or the time is up.
func process(r *http.Request, timeout time.Duration) error {
	errCh := make(chan error, 1)
	return inTx(func(tx *sql.Tx) error {
		go func() {
			errCh <- apply(tx, r)
		}()
		select {
		case err := <-errCh:
			return err
		case <-time.After(timeout):
			return errors.New("batch transaction timeout")
		case <-r.Context().Done():
			return errors.New("batch request interrupted")
		}
	})
}

// processTimer gives up on a timer's channel.
func processTimer(r *http.Request) error {
	errCh := make(chan error, 1)
	return inTx(func(tx *sql.Tx) error {
		t := time.NewTimer(3 * time.Second)
		defer t.Stop()
		go func() { errCh <- apply(tx, r) }()
		select {
		case err := <-errCh:
			return err
		case <-t.C:
			return errors.New("batch transaction timeout")
		}
	})
}

// waitsForAll waits in a select that never gives up: the transaction
// lasts as long as its work.
func waitsForAll(r *http.Request) error {
	errCh := make(chan error, 1)
	done := make(chan struct{})
	return inTx(func(tx *sql.Tx) error {
		go func() { errCh <- apply(tx, r) }()
		select {
		case err := <-errCh:
			return err
		case <-done:
			return nil
		}
	})
}

// inline does the work in the callback itself.
func inline(r *http.Request) error {
	return inTx(func(tx *sql.Tx) error { return apply(tx, r) })
}

// --- not reported ---

func batch(w http.ResponseWriter, r *http.Request) {
	if err := process(r, 3*time.Second); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}

func batchTimer(w http.ResponseWriter, r *http.Request) {
	processTimer(r)
}

// In the handler itself.
func batchHere(w http.ResponseWriter, r *http.Request) {
	errCh := make(chan error, 1)
	inTx(func(tx *sql.Tx) error {
		go func() { errCh <- apply(tx, r) }()
		select {
		case err := <-errCh:
			return err
		case <-r.Context().Done():
			return r.Context().Err()
		}
	})
}

// --- reported ---

func batchAll(w http.ResponseWriter, r *http.Request) {
	waitsForAll(r) // want `^note: waitsForAll does I/O that cannot be cancelled \(waitsForAll → batch.inTx → \(\*sql.DB\).Begin\).*\(and 1 more call reaching batch.inTx in this package\)`
}

// The same root as batchAll's (inTx's Begin): one finding, this call
// among its related locations.
func batchInline(w http.ResponseWriter, r *http.Request) {
	inline(r)
}
