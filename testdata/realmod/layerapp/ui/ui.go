// Package ui serves pages from the context-less store: package api says
// the layer's finding, once for the program (under go vet, which shows
// no package the ones it imports, each says it).
package ui

import (
	"net/http"

	"realmod/layerapp/store"
)

type handler struct{ s *store.Store }

func (h *handler) page(w http.ResponseWriter, r *http.Request) {
	h.s.UserByID(1)
	h.s.Feeds(1)
	h.s.MarkRead(1)
}
