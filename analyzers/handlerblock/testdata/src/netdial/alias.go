package netdial

import (
	"net/http"

	gonet "net"
)

// The fix spells the package as the file imports it.
func aliased(w http.ResponseWriter, r *http.Request) {
	mx, _ := gonet.LookupMX(r.FormValue("domain"))                    // want `^warning: gonet.LookupMX asks the resolver without the request's context`
	if conn, err := gonet.Dial("tcp", mx[0].Host+":25"); err == nil { // want `^error: gonet.Dial connects to another host without the request's context`
		conn.Close()
	}
}
