package analyzers_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"testing"

	"github.com/crisislint/crisislint/analyzers/cachestale"
	"github.com/crisislint/crisislint/analyzers/cachestampede"
	"github.com/crisislint/crisislint/analyzers/globalgrowth"
	"github.com/crisislint/crisislint/analyzers/handlerblock"
	"github.com/crisislint/crisislint/analyzers/httptimeout"
	"github.com/crisislint/crisislint/analyzers/idempotency"
	"github.com/crisislint/crisislint/analyzers/queryinloop"
	"github.com/crisislint/crisislint/analyzers/readallbody"
	"github.com/crisislint/crisislint/analyzers/retrystorm"
	"github.com/crisislint/crisislint/analyzers/sqlconcat"
	"github.com/crisislint/crisislint/analyzers/thirdpartysync"
	"github.com/crisislint/crisislint/internal/driver"
	"github.com/crisislint/crisislint/internal/enginetest"
	"github.com/crisislint/crisislint/internal/realmod"
	"golang.org/x/tools/go/analysis"
)

// realApps are the packages of testdata/realmod that use the real gin,
// echo, chi, fiber, sqlx, pgx, gorm, go-redis and lib/pq at pinned
// versions, each checked for one analyzer: the fakes under each
// analyzer's testdata must not be the only APIs they see.
var realApps = map[string]*analysis.Analyzer{
	"sqlapp":      sqlconcat.Analyzer,
	"webapp":      readallbody.Analyzer,
	"loopapp":     queryinloop.Analyzer,
	"blockapp":    handlerblock.Analyzer,
	"timeoutapp":  httptimeout.Analyzer,
	"deadlineapp": httptimeout.Analyzer,
	"retryapp":    retrystorm.Analyzer,
	"growthapp":   globalgrowth.Analyzer,
	"cacheapp":    cachestampede.Analyzer,
	"staleapp":    cachestale.Analyzer,
	"payapp":      idempotency.Analyzer,
	"sendapp":     thirdpartysync.Analyzer,
}

// TestRealModules runs the analyzers on the real-module apps the way the
// crisislint command does (driver.Analyze: the apps from source, the
// libraries from export data), and checks each app's findings of its
// analyzer against its // want comments.
func TestRealModules(t *testing.T) {
	dir := realmod.Dir(t)
	t.Setenv("GOWORK", "off")
	var patterns []string
	var as []*analysis.Analyzer
	fset := token.NewFileSet()
	var files []*ast.File
	for app, a := range realApps {
		patterns = append(patterns, "./"+app)
		if !slices.Contains(as, a) { // an analyzer may check more than one app
			as = append(as, a)
		}
		names, _ := filepath.Glob(filepath.Join(dir, app, "*.go"))
		for _, name := range names {
			f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, f)
		}
	}
	out, err := driver.Analyze(driver.Request{Dir: dir, Patterns: patterns, Analyzers: as})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range out.Problems {
		t.Error(p)
	}
	wants := realmod.Wants(t, fset, files)
	for _, f := range out.Findings {
		app := filepath.Base(filepath.Dir(f.Pos.Filename))
		if a := realApps[app]; a != nil && a.Name == f.Analyzer {
			wants.Match(t, f.Pos, f.Analyzer, f.Message)
		}
	}
	wants.Unmatched(t, "the analyzers")
}

// TestRealModulesFromSource runs them as go vet -vettool does, over the
// whole source of the libraries too, for facts: slow, so only in CI.
func TestRealModulesFromSource(t *testing.T) {
	patterns := make(map[*analysis.Analyzer][]string)
	for app, a := range realApps {
		patterns[a] = append(patterns[a], "realmod/"+app)
	}
	realmod.CheckFromSource(t, patterns)
}

// TestRealModuleShapes runs the request-path analyzers on handlers of
// every shape the request-path finder knows (httprouter, gorilla/mux,
// gin, echo v5, fiber v3, hertz, fasthttp, buffalo, beego, iris, a
// gitea-like context of the service's own, an adapter's func(*http.Request)
// (any, error), gRPC, Connect, gqlgen), and queryinloop on the ORMs and
// query builders the tables do not name (pop, ent, bun, squirrel, a
// persister behind an interface), all with the real libraries: what they
// do must come from their code, through facts.
func TestRealModuleShapes(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the frameworks and ORMs from source")
	}
	dir := realmod.Dir(t)
	// Through the engine, as the command runs: the dependencies' effects
	// from their code, and the whole program's facts (a persister's
	// implementation in a package the handler does not import).
	t.Run("handlerblock", func(t *testing.T) {
		enginetest.Run(t, dir, []*analysis.Analyzer{handlerblock.Analyzer}, "./shapesapp/...")
	})
	t.Run("readallbody", func(t *testing.T) {
		enginetest.Run(t, dir, []*analysis.Analyzer{readallbody.Analyzer}, "./bodyapp")
	})
	// A body limit of the program's own (a middleware that replaces the
	// body with a reader of its own type that stops at a limit) covers
	// the reads of the router library the server imports.
	t.Run("readallbody own limit", func(t *testing.T) {
		enginetest.Run(t, dir, []*analysis.Analyzer{readallbody.Analyzer}, "./limitapp/...")
	})
	// A middleware that reads the body whole and leaves an in-memory copy
	// (the reusable body) is the finding; the relay layers after it read
	// the copy. Without the middleware, they are reported.
	t.Run("readallbody reusable body", func(t *testing.T) {
		enginetest.Run(t, dir, []*analysis.Analyzer{readallbody.Analyzer}, "./reuseapp/...", "./reusenomw/...")
	})
	t.Run("queryinloop", func(t *testing.T) {
		enginetest.Run(t, dir, []*analysis.Analyzer{queryinloop.Analyzer}, "./ormapp/...")
	})
	// A context-less layer is one cause for the whole program: said by
	// the first package of handlers that calls into it.
	t.Run("handlerblock layer", func(t *testing.T) {
		enginetest.Run(t, dir, []*analysis.Analyzer{handlerblock.Analyzer}, "./layerapp/...")
	})
	// A port declared by the consumer, or by a domain package, and an
	// adapter that implements it without naming it.
	t.Run("handlerblock ports", func(t *testing.T) {
		enginetest.Run(t, dir, []*analysis.Analyzer{handlerblock.Analyzer}, "./portsapp/...")
	})
	// A package of handlers mounted only in a development mode, by a
	// package it does not import, is on no production request path.
	t.Run("handlerblock devroutes", func(t *testing.T) {
		enginetest.Run(t, dir, []*analysis.Analyzer{handlerblock.Analyzer}, "./devapp/...")
	})
	// What a loop costs depends on its callers in other packages, which
	// only the engine's second round shows.
	t.Run("queryinloop callers", func(t *testing.T) {
		enginetest.Run(t, dir, []*analysis.Analyzer{queryinloop.Analyzer}, "./callersapp/...")
	})
	// Who deletes a cached row's key is the caller's question, and the
	// callers and the cache may be in packages the update's does not
	// import.
	t.Run("cachestale callers", func(t *testing.T) {
		enginetest.Run(t, dir, []*analysis.Analyzer{cachestale.Analyzer}, "./stalecallers/...")
	})
	// A context a setter stores in a field is bounded by the setter's
	// callers, in packages the send's does not import.
	t.Run("httptimeout setters", func(t *testing.T) {
		enginetest.Run(t, dir, []*analysis.Analyzer{httptimeout.Analyzer}, "./setterapp/...")
	})
	// A deadline middleware applied by the router of package server, or
	// by a command, bounds the sends under the request's context of the
	// handlers in the packages it imports; a server of the module that
	// applies none, and does not reach them, covers nothing.
	t.Run("httptimeout router deadline", func(t *testing.T) {
		enginetest.Run(t, dir, []*analysis.Analyzer{httptimeout.Analyzer}, "./deadlinesvc/...")
	})
}
