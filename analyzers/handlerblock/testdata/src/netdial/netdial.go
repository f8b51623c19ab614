// Package netdial checks addresses on the request path with package
// net's dials and lookups, which take no context: a host that does not
// answer holds the handler for the system's connect timeout, a DNS server
// that does not answer for the resolver's timeouts and retries.
package netdial

import (
	"context"
	"net"
	"net/http"
	"strings"
	"time"

	"netprobe"
)

// --- reported ---

// A sign-up's email check: MX lookup, then a dial to the mail server.
func validateEmail(w http.ResponseWriter, r *http.Request) {
	email := r.FormValue("email")
	domain := email[strings.LastIndex(email, "@")+1:]
	mx, err := net.LookupMX(domain) // want `^warning: net.LookupMX asks the resolver without the request's context: when DNS is slow or down, the lookup waits out the resolver's timeouts and retries, seconds for each name it tries, after the client has gone, and requests pile up behind it; use net.DefaultResolver.LookupMX with r.Context\(\)$`
	if err != nil || len(mx) == 0 {
		http.Error(w, "invalid domain", http.StatusBadRequest)
		return
	}
	conn, err := net.Dial("tcp", mx[0].Host+":25") // want `^error: net.Dial connects to another host without the request's context: when the host does not answer, the dial waits for the system's connect timeout, minutes, after the client has gone, and requests pile up behind it; use \(&net.Dialer\{\}\).DialContext with r.Context\(\)$`
	if err != nil {
		http.Error(w, "unreachable", http.StatusBadRequest)
		return
	}
	conn.Close()
	w.WriteHeader(http.StatusNoContent)
}

func resolve(w http.ResponseWriter, r *http.Request) {
	host := r.FormValue("host")
	addrs, _ := net.LookupHost(host)                         // want `^warning: net.LookupHost asks the resolver without the request's context: .*use net.DefaultResolver.LookupHost with r.Context\(\)$`
	txt, _ := net.LookupTXT("_verify." + host)               // want `^warning: net.LookupTXT asks the resolver`
	_, srvs, _ := net.LookupSRV("xmpp-server", "tcp", host)  // want `^warning: net.LookupSRV asks the resolver`
	port, _ := net.LookupPort("tcp", r.FormValue("service")) // want `^warning: net.LookupPort asks the resolver`
	names, _ := net.LookupAddr(r.RemoteAddr)                 // want `^warning: net.LookupAddr asks the resolver`
	cname, _ := net.LookupCNAME(host)                        // want `^warning: net.LookupCNAME asks the resolver`
	ns, _ := net.LookupNS(host)                              // want `^warning: net.LookupNS asks the resolver`
	_, _, _, _, _, _, _ = addrs, txt, srvs, port, names, cname, ns
}

// LookupIP's variant takes a network and returns the same addresses,
// but not always the same ones ("::" gains 0.0.0.0): no fix.
func ips(w http.ResponseWriter, r *http.Request) {
	ips, _ := net.LookupIP(r.FormValue("host")) // want `^warning: net.LookupIP asks the resolver without the request's context: .*use net.DefaultResolver.LookupIP with r.Context\(\)$`
	_ = ips
}

// A dialer's Dial is renamed to its DialContext.
func zeroDialer(w http.ResponseWriter, r *http.Request) {
	var d net.Dialer
	conn, err := d.Dial("tcp", r.FormValue("addr")) // want `^error: d.Dial connects to another host without the request's context: when the host does not answer, the dial waits for the dialer's timeout, or without one for the system's connect timeout, minutes, after the client has gone, and requests pile up behind it; use DialContext with r.Context\(\)$`
	if err == nil {
		conn.Close()
	}
}

// A long timeout lets the dial go on long after the client left, as a
// client's long Timeout does.
func slowDialer(w http.ResponseWriter, r *http.Request) {
	d := &net.Dialer{Timeout: 30 * time.Second}
	conn, err := d.Dial("tcp", r.FormValue("addr")) // want `^error: d.Dial connects to another host without the request's context`
	if err == nil {
		conn.Close()
	}
}

type Checker struct{ timeout time.Duration }

// DialTimeout moves its timeout into the dialer, which a renaming cannot
// write: no fix.
func (c *Checker) long(w http.ResponseWriter, r *http.Request) {
	conn, err := net.DialTimeout("tcp", r.FormValue("addr"), time.Minute) // want `^error: net.DialTimeout connects to another host without the request's context: when the host does not answer, the dial waits out its timeout, which is not a short constant, after the client has gone, and requests pile up behind it; use \(&net.Dialer\{Timeout: timeout\}\).DialContext with r.Context\(\)$`
	if err == nil {
		conn.Close()
	}
}

func (c *Checker) configured(w http.ResponseWriter, r *http.Request) {
	conn, err := net.DialTimeout("tcp", r.FormValue("addr"), c.timeout) // want `^error: net.DialTimeout connects to another host without the request's context`
	if err == nil {
		conn.Close()
	}
}

// Through a helper of another package, at the call, with the chain.
func signup(w http.ResponseWriter, r *http.Request) {
	if !netprobe.HasMX(r.FormValue("email")) { // want `^warning: netprobe.HasMX asks the resolver without the request's context \(netprobe.HasMX → net.LookupMX\): .*pass r.Context\(\) down and use net.DefaultResolver.LookupMX$`
		http.Error(w, "no mail server", http.StatusBadRequest)
		return
	}
	if !netprobe.Reachable(r.FormValue("smtp")) { // want `^error: netprobe.Reachable connects to another host without the request's context \(netprobe.Reachable → net.Dial\): .*pass r.Context\(\) down and use \(&net.Dialer\{\}\).DialContext$`
		http.Error(w, "unreachable", http.StatusBadRequest)
	}
}

// --- not reported ---

// A short constant timeout bounds the dial, as a client's bounds a
// request: it cannot outlive its client by more than that.
func shortTimeout(w http.ResponseWriter, r *http.Request) {
	conn, err := net.DialTimeout("tcp", r.FormValue("addr"), 3*time.Second)
	if err == nil {
		conn.Close()
	}
}

const dialTimeout = 5 * time.Second

func namedTimeout(w http.ResponseWriter, r *http.Request) {
	conn, err := net.DialTimeout("tcp", r.FormValue("addr"), dialTimeout)
	if err == nil {
		conn.Close()
	}
}

func shortDialer(w http.ResponseWriter, r *http.Request) {
	d := net.Dialer{Timeout: 2 * time.Second, KeepAlive: time.Minute}
	conn, err := d.Dial("tcp", r.FormValue("addr"))
	if err == nil {
		conn.Close()
	}
	if conn, err := (&net.Dialer{Timeout: dialTimeout}).Dial("tcp", r.FormValue("addr")); err == nil {
		conn.Close()
	}
}

// The context variants, given the request's context or one derived from
// it.
func withContext(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	mx, _ := net.DefaultResolver.LookupMX(ctx, r.FormValue("domain"))
	var res net.Resolver
	addrs, _ := res.LookupHost(ctx, r.FormValue("host"))
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", r.FormValue("addr"))
	if err == nil {
		conn.Close()
	}
	netprobe.ReachableContext(r.Context(), r.FormValue("addr"))
	_, _ = mx, addrs
}

// Work off the request path: started with go, it does not hold the
// handler.
func background(w http.ResponseWriter, r *http.Request) {
	addr := r.FormValue("addr")
	go func() {
		if conn, err := net.Dial("tcp", addr); err == nil {
			conn.Close()
		}
	}()
	w.WriteHeader(http.StatusAccepted)
}

// Parsing an address is no I/O, and a listener is opened at start-up.
func parse(w http.ResponseWriter, r *http.Request) {
	host, _, _ := net.SplitHostPort(r.FormValue("addr"))
	_ = net.ParseIP(host)
}

// The same calls outside a handler: start-up, a command, a job.
func init() {
	net.LookupHost("localhost")
}

func Main() {
	ln, _ := net.Listen("tcp", ":8080")
	defer ln.Close()
	if conn, err := net.Dial("tcp", "db:5432"); err == nil {
		conn.Close()
	}
	netprobe.Reachable("cache:6379")
}

func CheckMailJob(domains []string) {
	for _, d := range domains {
		net.LookupMX(d)
		netprobe.HasMX("postmaster@" + d)
	}
}

func routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/validate", validateEmail)
	return mux
}
