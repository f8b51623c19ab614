// Package gitealike holds names that sqlconcat must leave to the callers // want package:"uses sql"
// or know to be safe, shaped like gitea's and kratos's persistence code.
package gitealike

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
)

// Engine is the package's own view of its database handle, as gitea's
// db.Engine is of xorm's Engine and Session.
type Engine interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

var engine *sql.DB

func getEngine() Engine { return engine }

// The table name qualifies a column after "=": it is a name, left to the
// callers, who pass a constant.
func postgresNextIndex(ctx context.Context, tableName string, groupID int64) error {
	_, err := getEngine().QueryContext(ctx, fmt.Sprintf("INSERT INTO %s (group_id, max_index) "+
		"VALUES (?,1) ON CONFLICT (group_id) DO UPDATE SET max_index = %s.max_index+1 RETURNING max_index",
		tableName, tableName), groupID) // OK
	return err
}

// NextIndex generates a resource index.
func NextIndex(ctx context.Context, tableName string, groupID int64) error { // want NextIndex:`sql sink: names \[1\] to postgresNextIndex`
	return postgresNextIndex(ctx, tableName, groupID)
}

func newIssue(ctx context.Context, repoID int64) error {
	return NextIndex(ctx, "issue_index", repoID) // OK
}

// Sequence names read from the catalog, cut down by a group of word
// characters: they cannot leave the quotes they are put in.
func fixBadSequences(ctx context.Context, db *sql.DB) error {
	var sequences []string
	rows, err := db.QueryContext(ctx, "SELECT sequence_name FROM information_schema.sequences WHERE sequence_name LIKE 'tmp_recreate__%_id_seq%'")
	if err != nil {
		return err
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		sequences = append(sequences, s)
	}
	sequenceRegexp := regexp.MustCompile(`tmp_recreate__(\w+)_id_seq.*`)
	for _, sequence := range sequences {
		tableName := sequenceRegexp.FindStringSubmatch(sequence)[1]
		newSequenceName := tableName + "_id_seq"
		if _, err := db.ExecContext(ctx, fmt.Sprintf("ALTER SEQUENCE `%s` RENAME TO `%s`", sequence, newSequenceName)); err != nil { // OK
			return err
		}
		if _, err := db.ExecContext(ctx, fmt.Sprintf("SELECT setval('%s', COALESCE((SELECT MAX(id)+1 FROM `%s`), 1), false)", newSequenceName, tableName)); err != nil { // OK
			return err
		}
	}
	return nil
}

var anyName = regexp.MustCompile(`name=(.+)`)

// A group that matches any character carries a quote as well as a name.
func renameAny(ctx context.Context, db *sql.DB, line string) error {
	name := anyName.FindStringSubmatch(line)[1]
	_, err := db.ExecContext(ctx, fmt.Sprintf("SELECT setval('%s', 1)", name)) // want `db.ExecContext runs SQL built from`
	return err
}

type flow struct{ ID int64 }

// A column name given by the callers of a generic function, instantiated
// explicitly: the callers pass constants.
func useOneTimeCode[T any](ctx context.Context, tx *sql.Tx, flowTableName, foreignKeyName string, flowID int64) error {
	_, err := tx.QueryContext(ctx, fmt.Sprintf("SELECT id FROM codes WHERE nid = ? AND %s = ?", foreignKeyName), 1, flowID) // OK
	return err
}

func useLoginCode(ctx context.Context, tx *sql.Tx, id int64) error {
	return useOneTimeCode[flow](ctx, tx, "login_flows", "selfservice_login_flow_id", id)
}
