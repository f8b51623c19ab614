package effects

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"testing"
)

// TestFactsEncode checks that the facts survive gob, as go vet and the
// fact cache carry them between packages.
func TestFactsEncode(t *testing.T) {
	effects := []Effect{
		{Kind: DB, Chain: []string{"(*sqlpersist.Persister).GetKeySet", "(*sql.DB).QueryRowContext"}, Note: "database/sql", Attrs: Lazy | ErrorPath},
		{Kind: KeyLock, Chain: []string{"(*sql.DB).ExecContext"}, Note: "locks[key]"},
	}
	for _, f := range []any{
		&Fact{Effects: effects},
		&ImplFact{Impls: []Impl{{Method: "github.com/ory/hydra/v2/jwk.Manager.GetKeySet", Effects: effects}}},
	} {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(f); err != nil {
			t.Fatalf("encode %T: %v", f, err)
		}
		got := reflect.New(reflect.TypeOf(f).Elem()).Interface()
		if err := gob.NewDecoder(&buf).Decode(got); err != nil {
			t.Fatalf("decode %T: %v", f, err)
		}
		if !reflect.DeepEqual(got, f) {
			t.Errorf("%T after gob = %v, want %v", f, got, f)
		}
	}
}
