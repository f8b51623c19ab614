// Package routine starts work that nobody waits for, as pocketbase's does.
package routine

// FireAndForget runs f in a goroutine of its own.
func FireAndForget(f func()) {
	go func() {
		defer func() { _ = recover() }()
		f()
	}()
}
