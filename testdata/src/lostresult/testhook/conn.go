// Package testhook has a method that its tests replace with a hook.
package testhook

import "errors"

// Conn keeps its outcome as its context's cause.
type Conn struct{ cancel func(error) }

func (c *Conn) run() (err error) { // want run:"selfReported"
	defer func() { c.cancel(err) }()
	return errors.New("idle timeout")
}

func (c *Conn) flush() error { return errors.New("short write") }

// wrapped embeds *Conn; its tests give it a run of its own.
type wrapped struct {
	hooks *hooks
	*Conn
}

type hooks struct{ run func() error }

// ok: in production wrapped.run is Conn.run, which keeps its error; in
// the test variant a test file declares the hook wrapper instead.
func start(w *wrapped) {
	go w.run()
}

// A production callee that drops its error: reported in both variants.
func startFlush(w *wrapped) {
	go w.flush() // want `error from w.flush is dropped`
}
