// Package caller sends on clients other packages build.
package caller

import (
	"net/http"

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
