// Package repository is shaped like gitea's services: some functions are
// jobs (a transaction, a process, files, a delivery), some load one item.
// Its importers learn which through facts.
package repository

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/aws/aws-sdk-go-v2/service/s3"
)

var db *sql.DB

var bucket *s3.Client

// WithTx runs f in a transaction, as gitea's db.WithTx does.
func WithTx(ctx context.Context, f func(tx *sql.Tx) error) error { // want WithTx:"job: runs a transaction"
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// DeleteRepository deletes a repository and all that hangs on it, in a
// transaction, and its files.
func DeleteRepository(ctx context.Context, id int64) error { // want DeleteRepository:"job: removes files, runs a transaction"
	err := WithTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM repository WHERE id = $1", id)
		return err
	})
	if err != nil {
		return err
	}
	return os.RemoveAll("/data/repositories/" + string(rune(id)))
}

// SetStatus updates one row in a transaction, as many of gitea's helpers
// do: a transaction inside does not make it a unit of work.
func SetStatus(ctx context.Context, id int64, status string) error { // want SetStatus:"job: runs a transaction"
	return WithTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE task SET status = $1 WHERE id = $2", status, id)
		return err
	})
}

// SyncMirror fetches a mirror with git and records when.
func SyncMirror(ctx context.Context, id int64) { // want SyncMirror:"job: runs a process"
	exec.CommandContext(ctx, "git", "remote", "update").Run()
	db.ExecContext(ctx, "UPDATE mirror SET updated = now() WHERE repo_id = $1", id)
}

// Deliver sends a webhook and marks it delivered.
func Deliver(ctx context.Context, id int64) error {
	req, _ := http.NewRequestWithContext(ctx, "POST", "http://hook", nil)
	if _, err := http.DefaultClient.Do(req); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, "UPDATE hook_task SET delivered = true WHERE id = $1", id)
	return err
}

// GetRepository loads one repository: a lookup, whatever a loop around it
// does.
func GetRepository(ctx context.Context, id int64) (string, error) {
	var name string
	err := db.QueryRowContext(ctx, "SELECT name FROM repository WHERE id = $1", id).Scan(&name)
	return name, err
}

// Verify loads a commit's author and checks its signature with git: it
// runs a process, but it loads something, and a list loads one per row.
func Verify(ctx context.Context, email string) (string, error) { // want Verify:"job: runs a process"
	exec.CommandContext(ctx, "gpg", "--verify").Run()
	var name string
	err := db.QueryRowContext(ctx, "SELECT name FROM users WHERE email = $1", email).Scan(&name)
	return name, err
}

// DeleteAttachment deletes an attachment's local file, or its object in
// object storage, then its row, as memos' Store.DeleteResource does.
func DeleteAttachment(ctx context.Context, id int64) error { // want DeleteAttachment:"job: removes files"
	var ref string
	var local bool
	if err := db.QueryRowContext(ctx, "SELECT reference, local FROM resource WHERE id = $1", id).Scan(&ref, &local); err != nil {
		return err
	}
	if local {
		if err := func() error {
			return os.Remove(filepath.Join("/data", ref))
		}(); err != nil {
			return err
		}
	}
	_, err := db.ExecContext(ctx, "DELETE FROM resource WHERE id = $1", id)
	return err
}

// DeleteBlob deletes an object in object storage, then its row.
func DeleteBlob(ctx context.Context, id int64, key string) error { // want DeleteBlob:"job: deletes an object in object storage"
	if _, err := bucket.DeleteObject(ctx, &s3.DeleteObjectInput{Key: &key}); err != nil {
		return err
	}
	_, err := db.ExecContext(ctx, "DELETE FROM blob WHERE id = $1", id)
	return err
}

// DeleteRow deletes an attachment's row only: a statement per call.
func DeleteRow(ctx context.Context, id int64) error {
	_, err := db.ExecContext(ctx, "DELETE FROM resource WHERE id = $1", id)
	return err
}

// Consume loads an upload's content and removes its temporary file: it
// returns what it loaded, a load per call.
func Consume(ctx context.Context, id int64) (string, error) { // want Consume:"job: removes files"
	var content string
	err := db.QueryRowContext(ctx, "SELECT content FROM upload WHERE id = $1", id).Scan(&content)
	os.Remove(filepath.Join("/tmp", content))
	return content, err
}
