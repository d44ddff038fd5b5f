// Package observe holds the fixtures of ctxscope's observations: the
// places where a function knows that a context was cancelled.
package observe

import (
	"context"
	"errors"
	"fmt"
	"io"
)

func propagates(err error) error     { return err }
func work(ctx context.Context) error { return nil } // want `ctxs=\[ctx:param\]`
func wrap(err error) error           { return err }
func cleanup(ctx context.Context)    {} // want `ctxs=\[ctx:param\]`

func doneCase(ctx context.Context, ch chan int) error { // want `ctxs=\[ctx:param\]`
	select {
	case <-ctx.Done(): // want `observed done ctx=ctx body=1`
		return propagates(ctx.Err()) // want `propagates=true`
	case <-ch:
	}
	return propagates(nil) // want `propagates=false`
}

func doneReceive(ctx context.Context) { // want `ctxs=\[ctx:param\]`
	go func() { // want `scope=\[ctx\]`
		<-ctx.Done() // want `observed recv ctx=ctx body=1`
		cleanup(ctx)
	}()
}

// A select whose only case is Done is a receive: what follows knows.
func singleCaseSelect(ctx context.Context) { // want `ctxs=\[ctx:param\]`
	done := ctx.Done()
	select { // want `observed recv ctx=ctx body=1`
	case <-done: // want `observed done ctx=ctx body=0`
	}
	cleanup(ctx)
}

func errNotNil(ctx context.Context) error { // want `ctxs=\[ctx:param\]`
	if ctx.Err() != nil { // want `observed errNotNil ctx=ctx err=ctx.Err\(\) body=1`
		return propagates(nil) // want `propagates=false`
	}
	if err := ctx.Err(); err != nil { // want `observed errNotNil ctx=ctx err=err body=1`
		return propagates(err) // want `propagates=true`
	}
	if context.Cause(ctx) != nil { // want `observed errNotNil ctx=ctx err=context.Cause\(ctx\) body=1`
		return propagates(context.Cause(ctx)) // want `propagates=true`
	}
	if ctx.Err() == nil { // want `observed errNotNil ctx=ctx err=ctx.Err\(\) body=1`
		work(ctx)
	} else {
		return propagates(fmt.Errorf("stopped: %w", ctx.Err())) // want `propagates=true`
	}
	return nil
}

func errorsIs(ctx context.Context) error { // want `ctxs=\[ctx:param\]`
	err := work(ctx)
	if errors.Is(err, context.Canceled) { // want `observed errorsIs err=err Canceled body=1`
		return propagates(nil) // want `propagates=false`
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) { // want `observed errorsIs err=err body=1`
		return propagates(err) // want `propagates=true`
	}
	if err != nil && errors.Is(err, context.DeadlineExceeded) { // want `observed errorsIs err=err DeadlineExceeded body=1`
		return propagates(wrap(err)) // want `propagates=true`
	}
	if errors.Is(ctx.Err(), context.Canceled) { // want `observed errorsIs ctx=ctx err=ctx.Err\(\) Canceled body=1`
		return propagates(fmt.Errorf("stopped: %v", ctx.Err())) // want `propagates=false`
	}
	if !errors.Is(err, context.Canceled) { // want `observed errorsIs err=err Canceled body=2`
		return err
	} else {
		e := fmt.Errorf("stopped: %w", err)
		return propagates(e) // want `propagates=true`
	}
}

func notObserved(ctx context.Context, other bool) error { // want `ctxs=\[ctx:param\]`
	err := work(ctx)
	// ok: either condition may hold, so cancellation is not known.
	if errors.Is(err, context.Canceled) || other {
		return nil
	}
	// ok: two different errors.
	err2 := work(ctx)
	if errors.Is(err, context.Canceled) || errors.Is(err2, context.Canceled) {
		return nil
	}
	// ok: io.EOF is not a cancellation.
	if errors.Is(err, io.EOF) {
		return nil
	}
	// ok: a Done method of a type that is not a context.
	var t ticket
	<-t.Done()
	return nil
}

type ticket struct{ ch chan struct{} }

func (t ticket) Done() <-chan struct{} { return t.ch }

func errEqual(ctx context.Context) error { // want `ctxs=\[ctx:param\]`
	err := work(ctx)
	if err == context.DeadlineExceeded { // want `observed errEqual err=err DeadlineExceeded body=1`
		return nil
	}
	if context.Canceled != err { // want `observed errEqual err=err Canceled body=1`
		return nil
	} else {
		return propagates(errors.Join(io.EOF, err)) // want `propagates=true`
	}
}

func switches(ctx context.Context) error { // want `ctxs=\[ctx:param\]`
	err := work(ctx)
	switch err {
	case context.Canceled, context.DeadlineExceeded: // want `observed errEqual err=err body=1`
		return nil
	case io.EOF:
		return nil
	}
	switch {
	case errors.Is(err, context.Canceled): // want `observed errorsIs err=err Canceled body=1`
		return nil
	case err != nil:
		return err
	}
	switch ctx.Err() {
	case context.Canceled: // want `observed errEqual ctx=ctx err=ctx.Err\(\) Canceled body=1`
		return propagates(context.Canceled) // want `propagates=true`
	}
	return nil
}

type server struct{ ctx context.Context }

// A field's Done is observed too; rules decide whether it matters.
func (s *server) fieldDone(ch chan int) {
	select {
	case <-s.ctx.Done(): // want `observed done ctx=s.ctx body=0`
	case <-ch:
	}
}
