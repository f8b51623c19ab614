// Package jwks fetches key sets under singleflight, as centrifugo does:
// concurrent requests for one URL wait for a single fetch, so a few
// quick retries there are one caller's, not every request's.
package jwks

import (
	"context"
	"io"
	"net/http"

	"golang.org/x/sync/singleflight"
)

type Manager struct {
	client  *http.Client
	group   singleflight.Group
	retries int
}

func (m *Manager) Key(ctx context.Context, url string) ([]byte, error) {
	v, err, _ := m.group.Do(url, func() (any, error) {
		return m.fetch(ctx, url)
	})
	if err != nil {
		return nil, err
	}
	return v.([]byte), nil
}

func (m *Manager) fetch(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	var lastErr error
	for i := 0; i < m.retries; i++ {
		resp, err := m.client.Do(req)
		if err != nil {
			lastErr = err
			continue
		}
		defer resp.Body.Close()
		return io.ReadAll(resp.Body)
	}
	return nil, lastErr
}

// Inline in the guard's callback, the same.
func (m *Manager) Inline(ctx context.Context, url string) (any, error) {
	v, err, _ := m.group.Do(url, func() (any, error) {
		for i := 0; i < 3; i++ {
			resp, err := m.client.Get(url)
			if err != nil {
				continue
			}
			resp.Body.Close()
			return resp.StatusCode, nil
		}
		return nil, nil
	})
	return v, err
}

// fetchAny is called outside the guard too: every caller retries.
func (m *Manager) fetchAny(url string) (*http.Response, error) {
	var lastErr error
	for i := 0; i < m.retries; i++ {
		resp, err := m.client.Get(url) // want `m.client.Get is retried in a loop with no pause between attempts`
		if err != nil {
			lastErr = err
			continue
		}
		return resp, nil
	}
	return nil, lastErr
}

func (m *Manager) Both(url string) {
	m.group.Do(url, func() (any, error) { return m.fetchAny(url) })
	m.fetchAny(url)
}

// Forever, even under the guard, the one caller never stops.
func (m *Manager) Forever(url string) (any, error) {
	v, err, _ := m.group.Do(url, func() (any, error) {
		for {
			resp, err := m.client.Get(url) // want `m.client.Get is retried in a loop with no pause and no bound`
			if err != nil {
				continue
			}
			return resp, nil
		}
	})
	return v, err
}
