package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
)

// Facts cross from one package to another, and from one run to the next,
// by name: an object's fact is keyed by its package's path and its
// objectpath, which name the same object whether the package was
// type-checked from source or read from export data. So a fact computed
// from a dependency's source reaches a package that sees the dependency
// through its export data, and a fact read from the cache reaches both.

// factKey names one fact of one package: of an object (path set) or of
// the package itself (path empty).
type factKey struct {
	path objectpath.Path
	typ  reflect.Type
}

// pkgFacts are the facts one package exported.
type pkgFacts map[factKey]analysis.Fact

// store holds the facts of every package analyzed so far, by package
// path. Test variants of a package do not export facts: nothing is
// reported in test code, and the package's own facts are the ones the
// rest of the program sees.
type store struct {
	mu   sync.RWMutex
	pkgs map[string]pkgFacts
}

func newStore() *store { return &store{pkgs: make(map[string]pkgFacts)} }

func (s *store) get(pkgPath string) pkgFacts {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.pkgs[pkgPath]
}

func (s *store) put(pkgPath string, f pkgFacts) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pkgs[pkgPath] = f
}

// snapshot returns a copy of the map of packages to their facts.
func (s *store) snapshot() map[string]pkgFacts {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make(map[string]pkgFacts, len(s.pkgs))
	for k, v := range s.pkgs {
		out[k] = v
	}
	return out
}

// copyFact copies the value of fact into ptr, a pointer to a fact of the
// same type.
func copyFact(ptr, fact analysis.Fact) {
	reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(fact).Elem())
}

// The cache keeps the facts of dependencies on disk between runs, keyed
// by everything they depend on: crisislint itself, the package's source
// and build (its export data's content hash, which the go command puts
// in the file's name), and the keys of the dependencies whose facts it
// read. A dependency in the module cache never changes under its path; a
// replaced or workspace module's files are keyed by name, size and time.

// cache is a directory of fact files; a nil cache keeps nothing.
type cache struct {
	dir string
}

// cacheEntry is the gob form of a package's facts.
type cacheEntry struct {
	Facts []cachedFact
}

type cachedFact struct {
	Path objectpath.Path // empty for a package fact
	Fact analysis.Fact   // gob-encoded through its registered type
}

func (c *cache) file(key string) string {
	return filepath.Join(c.dir, "facts", key[:2], key)
}

// load returns the facts cached under key, or false.
func (c *cache) load(key string) (pkgFacts, bool) {
	if c == nil {
		return nil, false
	}
	data, err := os.ReadFile(c.file(key))
	if err != nil {
		return nil, false
	}
	var e cacheEntry
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&e); err != nil {
		return nil, false // a file of an older crisislint, or torn: recompute
	}
	out := make(pkgFacts, len(e.Facts))
	for _, f := range e.Facts {
		out[factKey{f.Path, reflect.TypeOf(f.Fact)}] = f.Fact
	}
	return out, true
}

// save writes the facts under key; a failure only costs the next run.
func (c *cache) save(key string, facts pkgFacts) {
	if c == nil {
		return
	}
	var e cacheEntry
	for k, f := range facts {
		e.Facts = append(e.Facts, cachedFact{Path: k.path, Fact: f})
	}
	sort.Slice(e.Facts, func(i, j int) bool {
		a, b := e.Facts[i], e.Facts[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return reflect.TypeOf(a.Fact).String() < reflect.TypeOf(b.Fact).String()
	})
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&e); err != nil {
		return
	}
	name := c.file(key)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "tmp-")
	if err != nil {
		return
	}
	_, werr := tmp.Write(buf.Bytes())
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), name) != nil {
		_ = os.Remove(tmp.Name())
	}
}

// registerFacts makes the analyzers' fact types known to gob, once per
// type.
var registered sync.Map // reflect.Type → bool

func registerFacts(as []*analysis.Analyzer) {
	for _, a := range as {
		for _, f := range a.FactTypes {
			if _, loaded := registered.LoadOrStore(reflect.TypeOf(f), true); !loaded {
				gob.Register(f)
			}
		}
	}
}

// executableHash identifies the running crisislint: facts computed by
// another build of it may differ.
var executableHash = sync.OnceValue(func() string {
	h := sha256.New()
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			_, _ = io.Copy(h, f)
			_ = f.Close()
		}
	}
	return hex.EncodeToString(h.Sum(nil))
})

// keyOf returns the cache key of a package's facts, its imports' keys
// computed first: a Merkle hash of the graph below it, so a change
// anywhere below (even in a package without facts, whose types others
// use) gives new keys above. A package has the same key whether it is
// named or a dependency, so a run on the whole module leaves the facts a
// run on one package of it needs.
func (e *engine) keyOf(n *node) string {
	h := sha256.New()
	fmt.Fprintf(h, "crisislint facts 1\n%s\n%s\n%s\n", e.salt, n.pkg.ID, filepath.Base(n.pkg.ExportFile))
	for _, name := range n.pkg.CompiledGoFiles {
		fmt.Fprintf(h, "file %s", name)
		if !e.immutable(name) {
			if fi, err := os.Stat(name); err == nil {
				fmt.Fprintf(h, " %d %d", fi.Size(), fi.ModTime().UnixNano())
			}
		}
		if b, ok := e.cfg.Overlay[name]; ok {
			fmt.Fprintf(h, " overlay %x", sha256.Sum256(b))
		}
		fmt.Fprintln(h)
	}
	for _, d := range n.imports {
		fmt.Fprintf(h, "dep %s\n", d.key)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// immutable reports whether a file lies in the module cache or the Go
// build cache (cgo's output), whose files never change under their names.
func (e *engine) immutable(name string) bool {
	for _, dir := range e.immutableDirs {
		if dir != "" && len(name) > len(dir) && name[:len(dir)] == dir && os.IsPathSeparator(name[len(dir)]) {
			return true
		}
	}
	return false
}
