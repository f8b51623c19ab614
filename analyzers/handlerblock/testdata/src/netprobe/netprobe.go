// Package netprobe checks that a host is there, as a sign-up form's
// helpers do, for the handlers of another package: its context-less
// dials and lookups reach them through facts.
package netprobe

import (
	"context"
	"net"
	"strings"
)

// HasMX reports whether an address's domain takes mail.
func HasMX(email string) bool {
	mx, err := net.LookupMX(email[strings.LastIndex(email, "@")+1:])
	return err == nil && len(mx) > 0
}

// Reachable reports whether something listens at addr.
func Reachable(addr string) bool {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return false
	}
	conn.Close()
	return true
}

// ReachableContext is Reachable given a context: the caller's to cancel.
func ReachableContext(ctx context.Context, addr string) bool {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return false
	}
	conn.Close()
	return true
}
