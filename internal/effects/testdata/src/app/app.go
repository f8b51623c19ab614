// Package app calls through interfaces whose implementations are in // want package:"wants implementations of hook.Plugin.Run, keys.Manager.GetKeySet, persistence.Persister.Ping, persistence.Provider.Persister"
// packages it reaches only through the registry.
package app

import (
	"context"
	"io"

	"hook"
	"persistence"
	"registry"
)

type Handler struct{ r persistence.Provider }

var _ = registry.New

// Keys calls a method that persistence.Persister embeds from keys.Manager.
func (h *Handler) Keys(ctx context.Context) (string, error) { // want Keys:`effects: db\(\(keys.Manager\).GetKeySet → \(\*sqlpersist.Persister\).GetKeySet → \(\*sql.DB\).QueryRowContext\)$`
	return h.r.Persister().GetKeySet(ctx, "jwks")
}

// Ping reaches an implementation that does nothing.
func (h *Handler) Ping(ctx context.Context) error {
	return h.r.Persister().Ping(ctx)
}

// RunAll calls a plugin: which one, the registry of nine says nothing of.
func RunAll(ctx context.Context, ps []hook.Plugin) {
	for _, p := range ps {
		p.Run(ctx)
	}
}

// Shutdown closes through an interface of the standard library.
func Shutdown(c io.Closer) {
	c.Close()
}
