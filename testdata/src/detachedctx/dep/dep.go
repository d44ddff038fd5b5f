// Package dep is a callee in another package: detachedctx judges the call
// site only, so a Background() deep inside dep is not reported at callers.
package dep

import "context"

// Fetch takes the caller's context.
func Fetch(ctx context.Context, key string) (string, error) { return key, ctx.Err() }

// Refresh detaches inside dep; the Background here is dep's own choice and
// dep has no context in scope, so it is not reported.
func Refresh(key string) error {
	_, err := Fetch(context.Background(), key)
	return err
}

// Client has a long-lived context of its own, in a struct field.
type Client struct{ ctx context.Context }

// Get uses the client's lifetime context.
func (c *Client) Get(key string) (string, error) { return Fetch(c.ctx, key) }
