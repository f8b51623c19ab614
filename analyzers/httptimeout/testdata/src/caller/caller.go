// Package caller sends on clients other packages build. // want package:"imports client"
package caller

import (
	"context"
	"net/http"
	"time"

	"client"
)

func viaFact(u string) {
	client.Default().Get(u) // want `client.Default\(\).Get sends on http.DefaultClient \(through client.Default\(\)\)`
}

func viaVar(req *http.Request) {
	client.Shared.Do(req) // want `client.Shared.Do sends on http.DefaultClient`
}

// The literal is reported where it is built, in package client.
func viaConstructor(u string) {
	client.NewClient().Get(u) // OK
}

// A function of another package that sends with the context it is given.
func viaContextFact() {
	client.LookupCtx(context.TODO(), "q") // want `^client.LookupCtx sends on http.DefaultClient, which has no timeout, with the context it is given \(http.DefaultClient.Do\), and this one has no deadline`
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	client.LookupCtx(ctx, "q") // OK: a deadline
}
