package httptimeout

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"github.com/crisislint/crisislint/internal/knowledge"
	"github.com/crisislint/crisislint/internal/report"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// A server that is no literal (var srv http.Server, new(http.Server), a
// field of type http.Server set field by field) is the empty literal by
// another name: it has no timeouts unless the package sets them on what
// holds it.

const zeroServerMessage = "the zero http.Server has no ReadHeaderTimeout or ReadTimeout: a client that sends its request headers slowly holds a connection and a goroutine forever (Slowloris), until the server runs out of them; set ReadHeaderTimeout before serving"

// zeroServer reports a zero http.Server built at node at, held by holder
// or escaping, when the package serves it or hands it on.
func (c *checker) zeroServer(cur inspector.Cursor, at ast.Node, holder types.Object, escapes bool) {
	if holder != nil {
		if exportedHolder(holder) || c.serverConfigured(holder) {
			return
		}
		served, handed := c.serverUses(holder)
		escapes = escapes || served || handed
	}
	if !escapes {
		return
	}
	if !c.returnsServer(cur) {
		c.serves(cur, nil, "the zero http.Server, without ReadHeaderTimeout", -1)
	}
	c.rep.Add(report.Finding{
		Pos: at.Pos(), End: at.End(), Severity: report.Warning,
		Message: zeroServerMessage,
		Peers:   knowledge.PeerRules["server without timeout"],
	})
}

// zeroFieldServe reports a call that serves a field of type http.Server
// of a struct of the package (a.srv.ListenAndServe()), which the package
// sets field by field and never a timeout of: the field starts as the
// zero server. A field the package stores a server in, or hands on, is
// judged where the server is built or left to the code it goes to; an
// exported one to the other packages that may set its timeouts.
func (c *checker) zeroFieldServe(cur inspector.Cursor, call *ast.CallExpr) {
	fn, _ := typeutil.Callee(c.info, call).(*types.Func)
	if fn == nil || !serverServes[knowledge.FuncName(fn)] {
		return
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	recv, ok := ast.Unparen(sel.X).(*ast.SelectorExpr)
	if !ok {
		return
	}
	f, ok := c.info.Uses[recv.Sel].(*types.Var)
	if !ok || !f.IsField() || f.Exported() || f.Pkg() != c.pass.Pkg || knowledge.TypeName(f.Type()) != knowledge.ServerTimeout.Type {
		return
	}
	if len(c.fields[f]) > 0 || c.serverConfigured(f) {
		return
	}
	if _, handed := c.serverUses(f); handed {
		return
	}
	server := types.ExprString(recv)
	c.serves(cur, call, callName(call)+" → "+server+" without ReadHeaderTimeout", -1)
	c.rep.Add(report.Finding{
		Pos: call.Pos(), End: call.End(), Severity: report.Warning,
		Message: fmt.Sprintf("%s serves %s, a zero http.Server whose ReadHeaderTimeout and ReadTimeout the package never sets: a client that sends its request headers slowly holds a connection and a goroutine forever (Slowloris), until the server runs out of them; set %s.ReadHeaderTimeout before serving",
			callName(call), server, server),
		Root:  "zero server " + f.Name(),
		Also:  "serves it",
		Peers: knowledge.PeerRules["server without timeout"],
	})
}

// serverServes are the methods of http.Server that serve: those of the
// package-level functions without timeouts.
var serverServes = func() map[string]bool {
	m := make(map[string]bool)
	for _, b := range knowledge.BareServes {
		m["(*"+knowledge.ServerTimeout.Type+")."+b.Method] = true
	}
	return m
}()

// exportedHolder reports whether other packages can reach what holder
// holds, and set its timeouts: an exported package-level variable or
// field.
func exportedHolder(holder types.Object) bool {
	v, ok := holder.(*types.Var)
	return ok && v.Exported() && (v.IsField() || v.Pkg() != nil && v.Parent() == v.Pkg().Scope())
}

// serverConfigured reports whether the package makes the server a
// variable or field holds safe, or an operator's: it sets its header or
// read timeout, hands it to a function that does, gives it a constant
// loopback address, or has it serve only diagnostics.
func (c *checker) serverConfigured(holder types.Object) bool {
	for _, f := range knowledge.ServerTimeout.Any {
		if c.set[holder][f] {
			return true
		}
	}
	if c.holderToTimeouts(holder) {
		return true
	}
	for _, addr := range c.assignedTo(holder, "Addr") {
		if c.loopback(addr) {
			return true
		}
	}
	handlers := c.assignedTo(holder, "Handler")
	if len(handlers) == 0 {
		return c.servesDiagnostics(nil) // http.DefaultServeMux
	}
	for _, h := range handlers {
		if !c.servesDiagnostics(h) {
			return false
		}
	}
	return true
}

// assignedTo returns the values the package assigns to a field of what
// holder holds (srv.Addr = v).
func (c *checker) assignedTo(holder types.Object, field string) []ast.Expr {
	var out []ast.Expr
	for _, use := range c.uses[holder] {
		expr := holderExpr(use)
		sel, ok := expr.Parent().Node().(*ast.SelectorExpr)
		if !ok || sel.X != expr.Node() || sel.Sel.Name != field {
			continue
		}
		as, ok := expr.Parent().Parent().Node().(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			continue
		}
		for i, lhs := range as.Lhs {
			if ast.Unparen(lhs) == sel {
				out = append(out, as.Rhs[i])
			}
		}
	}
	return out
}

// holderExpr returns the expression a use of a variable or field is:
// the identifier, or the selector s.srv it ends.
func holderExpr(use inspector.Cursor) inspector.Cursor {
	if sel, ok := use.Parent().Node().(*ast.SelectorExpr); ok && sel.Sel == use.Node() {
		return use.Parent()
	}
	return use
}

// serverUses tells whether the server a variable or field holds is
// served in the package (srv.ListenAndServe()), and whether it is handed
// on: to a call (as it is or by its address), returned, or stored
// elsewhere, where other code may serve it or set its timeouts.
func (c *checker) serverUses(holder types.Object) (served, handed bool) {
	for _, use := range c.uses[holder] {
		expr := holderExpr(use)
		p := expr.Parent()
		switch n := p.Node().(type) {
		case *ast.SelectorExpr:
			if call, ok := p.Parent().Node().(*ast.CallExpr); ok && call.Fun == n {
				if fn, ok := typeutil.Callee(c.info, call).(*types.Func); ok && serverServes[knowledge.FuncName(fn)] {
					served = true
				}
			}
			continue // srv.Addr, srv.Shutdown(ctx)
		case *ast.AssignStmt:
			if isLHS(n, expr.Node()) {
				continue
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				if _, ok := p.Parent().Node().(*ast.SelectorExpr); ok {
					continue // (&srv).Addr
				}
			}
		}
		handed = true
	}
	return served, handed
}
