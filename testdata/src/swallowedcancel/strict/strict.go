// Package strict holds the cases -swallowedcancel.strict adds: functions
// whose only result is an error.
package strict

import (
	"context"
	"errors"
)

type Worker struct{ jobs chan int }

func (w *Worker) Run(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done(): // want `cancellation of ctx is observed here and then swallowed`
			return nil
		case j := <-w.jobs:
			_ = j
		}
	}
}

func flush(ctx context.Context, send func(context.Context) error) error {
	if err := send(ctx); errors.Is(err, context.Canceled) { // want `cancellation is observed here and then swallowed`
		return nil
	}
	return nil
}

// ok even in strict mode: the cancellation is returned.
func flushReturns(ctx context.Context, send func(context.Context) error) error {
	if err := send(ctx); errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

// still reported in strict mode, as by default.
func fetch(ctx context.Context, c chan int) (int, error) {
	select {
	case v := <-c:
		return v, nil
	case <-ctx.Done(): // want `cancellation of ctx is observed here and then swallowed`
		return 0, nil
	}
}
