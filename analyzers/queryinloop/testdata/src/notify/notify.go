// Package notify fans an event out to the listeners the program
// registered, as gitea's services/notify does.
package notify

import "context"

// A Listener hears of the program's events.
type Listener interface {
	AssigneeAdded(ctx context.Context, issueID, userID int64)
	Render(issueID int64) string
}

var listeners []Listener

// Register adds a listener.
func Register(l Listener) { listeners = append(listeners, l) }

// AssigneeAdded tells every listener (mail, webhooks, feeds) of a new
// assignee.
func AssigneeAdded(ctx context.Context, issueID, userID int64) {
	for _, l := range listeners {
		l.AssigneeAdded(ctx, issueID, userID)
	}
}

// Render asks the listeners for their view of an issue: what it returns
// is made, no event is told.
func Render(issueID int64) []string {
	var out []string
	for _, l := range listeners {
		out = append(out, l.Render(issueID))
	}
	return out
}
