// Package api serves pages from the context-less store: the first of the
// layer's callers by import path, it says the layer's finding for both.
package api

import (
	"net/http"

	"realmod/layerapp/store"
)

type handler struct{ s *store.Store }

func (h *handler) page(w http.ResponseWriter, r *http.Request) {
	h.s.UserByID(1) // want `h.s.UserByID does I/O that cannot be cancelled .*package store takes no context in 3 of its 3 functions that do I/O, and this package calls 3 of them \(Store.UserByID, Store.Feeds, Store.MarkRead\), as do the handlers of 1 other packages \(ui\);`
	h.s.Feeds(1)    // want `h.s.Feeds does I/O that cannot be cancelled`
	h.s.MarkRead(1) // want `h.s.MarkRead does I/O that cannot be cancelled`
}
