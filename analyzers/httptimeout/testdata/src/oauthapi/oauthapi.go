// Package oauthapi calls the setters of oauthprov, which asked about // want package:"calls context setters: \\(oauthprov.Provider\\).SetContext \\(deadline\\), \\(oauthprov.Provider\\).SetContext \\(no deadline\\)" package:"imports oauthprov"
// their calls: it lists them, with whether each context has a deadline.
package oauthapi

import (
	"context"
	"net/http"
	"time"

	"oauthprov"
)

func Login(w http.ResponseWriter, r *http.Request) {
	var p oauthprov.Provider = oauthprov.NewApple()
	ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
	defer cancel()
	p.SetContext(ctx)
	p.FetchUser(r.FormValue("token"))
}

func Relogin(p oauthprov.Provider, token string) {
	p.SetContext(context.Background())
	p.FetchUser(token)
}
