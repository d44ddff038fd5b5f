// Package lib holds blocking functions whose facts package facts
// imports.
package lib

import (
	"context"
	"time"
)

// Sleep sleeps.
func Sleep() { time.Sleep(time.Millisecond) } // want Sleep:"mayBlock\\(sleep\\)"

// L1 to L4 are a chain: the sleep is one call deeper at each step.
func L1() { Sleep() } // want L1:"mayBlock\\(sleep@1\\)"
func L2() { L1() }    // want L2:"mayBlock\\(sleep@2\\)"
func L3() { L2() }    // want L3:"mayBlock\\(sleep@3\\)"
func L4() { L3() }    // want L4:"mayBlock\\(sleep@4\\)"

// Client waits for a reply or for its context.
type Client struct{ replies chan string }

func (c *Client) Fetch(ctx context.Context) (string, error) { // want Fetch:"mayBlock\\(chan\\) honoursCtx"
	select {
	case r := <-c.replies:
		return r, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// Outer gets Block from an unexported embedded type: the fact of
// inner.Block must cross the package boundary.
type Outer struct{ inner }

type inner struct{}

func (inner) Block() { select {} } // want Block:"mayBlock\\(chan\\)"

// Gen is generic: facts are about its origin.
func Gen[T any](ch chan T) T { return <-ch } // want Gen:"mayBlock\\(chan\\)"
