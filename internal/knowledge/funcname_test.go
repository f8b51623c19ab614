package knowledge

import (
	"go/token"
	"go/types"
	"runtime"
	"testing"
	"time"
)

// TestFuncNameForgets checks that FuncName's cache does not keep the
// functions it named alive: a long-running driver (an editor's server)
// loads new types on every change, and the old ones must go.
func TestFuncNameForgets(t *testing.T) {
	count := func() int {
		n := 0
		funcNames.Range(func(any, any) bool { n++; return true })
		return n
	}
	before := count()
	func() {
		pkg := types.NewPackage("example.com/p", "p")
		for _, name := range []string{"A", "B", "C"} {
			fn := types.NewFunc(token.NoPos, pkg, name, types.NewSignatureType(nil, nil, nil, nil, nil, false))
			if got := FuncName(fn); got != "example.com/p."+name {
				t.Fatalf("FuncName = %q", got)
			}
		}
	}()
	if count() != before+3 {
		t.Fatalf("FuncName cached %d names, want 3", count()-before)
	}
	for deadline := time.Now().Add(5 * time.Second); count() > before; {
		if time.Now().After(deadline) {
			t.Fatalf("%d names of unreachable functions are still cached", count()-before)
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
}
