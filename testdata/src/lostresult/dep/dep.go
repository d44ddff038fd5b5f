// Package dep is imported by the lostresult fixtures to prove that facts
// cross package boundaries.
package dep

import "errors"

// Flush can fail.
func Flush() error { return errors.New("disk full") }

// Noop never fails: its error is nil on every path.
func Noop() error { return nil } // want Noop:"nilError"

// Forward returns what Noop returns.
func Forward() (int, error) { return 1, Noop() } // (int, nil-by-call) is not proved

// Chain forwards a call whose error is always nil.
func Chain() error { return Noop() } // want Chain:"nilError"

// Client is a type with a fallible method.
type Client struct{}

func (c *Client) Send(msg string) error {
	if msg == "" {
		return errors.New("empty")
	}
	return nil
}

// Ping never fails.
func (c *Client) Ping() error { return nil } // want Ping:"nilError"
