// Package apis authenticates with the providers of package auth,
// bounding them first, and fires hooks under a context with no deadline.
package apis

import (
	"context"
	"net/http"
	"time"

	"realmod/setterapp/auth"
)

func AuthWithOAuth2(w http.ResponseWriter, r *http.Request) {
	var provider auth.Provider = auth.NewApple()
	ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
	defer cancel()
	provider.SetContext(ctx)
	if err := provider.FetchUser(r.FormValue("token")); err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
	}
}

func FireHooks(u string) {
	h := auth.NewHooks(u)
	h.WithContext(context.Background())
	h.Fire()
}
