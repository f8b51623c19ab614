// Package delays sleeps on purpose for a random time, against account
// enumeration (kratos's login, pocketbase's list throttle) and brute
// force (new-api's redeem): the delay is the feature, not a wait.
package delays

import (
	cryptorand "crypto/rand"
	"math/big"
	"math/rand/v2"
	"net/http"
	"time"

	"timing"
)

func Login(w http.ResponseWriter, r *http.Request) {
	if r.FormValue("user") == "" {
		time.Sleep(timing.RandomDelay(500*time.Millisecond, 200*time.Millisecond)) // OK: a random delay, from another package
	}
}

func randomSleep() {
	time.Sleep(time.Duration(rand.IntN(3000)) * time.Millisecond)
}

func Redeem(w http.ResponseWriter, r *http.Request) {
	randomSleep() // OK: a random delay
}

func throttle(softMax int64) {
	timeout := softMax
	n, err := cryptorand.Int(cryptorand.Reader, big.NewInt(softMax))
	if err == nil {
		timeout = n.Int64()
	}
	time.Sleep(time.Duration(timeout) * time.Millisecond)
}

func List(w http.ResponseWriter, r *http.Request) {
	throttle(500) // OK: a random delay
}

func Wait(w http.ResponseWriter, r *http.Request) {
	time.Sleep(timing.Fixed(time.Second)) // want `time.Sleep`
}
