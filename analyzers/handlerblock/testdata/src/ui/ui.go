// Package ui has handlers that reach a context-less storage layer and // want package:"calls into the context-less layers storage"
// remote fetches: one finding per root, the fetches first.
package ui

import (
	"net/http"
	"strconv"

	"feeds"
	"fetcher"
	"storage"
)

type handler struct {
	store   *storage.Storage
	builder *fetcher.RequestBuilder
}

func id(r *http.Request) int64 {
	n, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return n
}

func (h *handler) showUser(w http.ResponseWriter, r *http.Request) {
	name, _ := h.store.UserByID(id(r)) // related: a point lookup
	w.Write([]byte(name))
}

func (h *handler) categories(w http.ResponseWriter, r *http.Request) {
	h.store.Categories(id(r)) // want `^warning: h.store.Categories does I/O that cannot be cancelled \(h.store.Categories → \(\*sql.DB\).Query\): package storage takes no context in 6 of its 6 functions that do I/O, and this package calls 4 of them \(Storage.UserByID, Storage.Categories, Storage.MarkRead, Storage.UserByName\); .*give the layer's methods a context.Context, use QueryContext and the other context variants inside, and pass r.Context\(\) down \(and 4 more calls into package storage in this package\)$`
	h.store.MarkRead(id(r))   // related
}

func (h *handler) settings(w http.ResponseWriter, r *http.Request) {
	h.store.UserByName(r.FormValue("name")) // related
	h.store.UserByID(id(r))                 // related
}

func (h *handler) subscribe(w http.ResponseWriter, r *http.Request) {
	// The lookup is trivial; the fetch is what the call costs.
	feeds.CreateFeed(h.store, h.builder, id(r), r.FormValue("url")) // want `^error: feeds.CreateFeed sends a request to another service that cannot be cancelled \(feeds.CreateFeed → \(\*fetcher.RequestBuilder\).ExecuteRequest → http.NewRequest\): .*pass r.Context\(\) down and use NewRequestWithContext \(and 2 more calls reaching \(\*fetcher.RequestBuilder\).ExecuteRequest in this package\)$`
}

func (h *handler) subscribeAgain(w http.ResponseWriter, r *http.Request) {
	feeds.CreateFeed(h.store, h.builder, id(r), r.FormValue("url")) // related: the same maker as subscribe's
}

func (h *handler) proxy(w http.ResponseWriter, r *http.Request) {
	// The function that builds the request without a context is the
	// cause, whichever service reaches it: CreateFeed's fetch is this one.
	h.builder.ExecuteRequest(r.FormValue("url")) // related: the same maker as subscribe's
}
