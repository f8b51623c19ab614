// Package mocks fakes the key manager: a mock does nothing, so it adds
// nothing to what a call of the interface may do, and has no facts.
package mocks

import (
	"context"

	"keys"
)

type Manager struct{ Sets map[string]string }

var _ keys.Manager = (*Manager)(nil)

func (m *Manager) GetKeySet(ctx context.Context, set string) (string, error) { return m.Sets[set], nil }

func (m *Manager) Rotate(ctx context.Context, set string) error { return nil }
