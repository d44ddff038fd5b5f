package giveup

import (
	"context"
	"errors"
	"time"

	"giveup/dep"
)

func doneCase(ctx context.Context, c chan int) error { // want doneCase:`givesUp\(0\)`
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-c:
		return nil
	}
}

func errGuard(ctx context.Context) error { // want errGuard:`givesUp\(0\)`
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return nil
}

func isErr(ctx context.Context) bool { // want isErr:`givesUp\(0\)`
	return errors.Is(ctx.Err(), context.Canceled) && true || func() bool {
		if errors.Is(ctx.Err(), context.Canceled) {
			return true
		}
		return false
	}()
}

// The second parameter only.
func second(a, b context.Context) error { // want second:`givesUp\(1\)`
	_ = a.Value("k")
	return errGuard(b)
}

// Through a derived context and a call in another package.
func derived(ctx context.Context) error { // want derived:`givesUp\(0\)`
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return dep.Wait(tctx, time.Millisecond)
}

// Through a chain within the package, declared before its callee.
func chain1(ctx context.Context) error { return chain2(ctx) }   // want chain1:`givesUp\(0\)`
func chain2(ctx context.Context) error { return chain3(ctx) }   // want chain2:`givesUp\(0\)`
func chain3(ctx context.Context) error { return errGuard(ctx) } // want chain3:`givesUp\(0\)`

// A goroutine in the body that gives up counts.
func inLiteral(ctx context.Context, c chan int) { // want inLiteral:`givesUp\(0\)`
	go func() {
		select {
		case c <- 1:
		case <-ctx.Done():
		}
	}()
}

type S struct{}

func (S) Method(ctx context.Context) error { return errGuard(ctx) } // want Method:`givesUp\(0\)`

func methodExpr(ctx context.Context) error { return S.Method(S{}, ctx) } // want methodExpr:`givesUp\(0\)`

// No fact: a wait for the end, which then proceeds.
func waitsForEnd(ctx context.Context, cleanup func()) {
	<-ctx.Done()
	cleanup()
}

// No fact: only values.
func values(ctx context.Context) any { return dep.Value(ctx) }

// No fact: detached before being passed on.
func detached(ctx context.Context) error { return errGuard(context.WithoutCancel(ctx)) }

// No fact: the error of the context is returned, not tested.
func cause(ctx context.Context) error { return context.Cause(ctx) }

// No fact: an interface method is not followed.
type Tx interface{ Rollback(context.Context) error }

func viaInterface(ctx context.Context, tx Tx) error { return tx.Rollback(ctx) }

// No fact: a recursive pair that never looks at the context.
func ping(ctx context.Context, n int) int { return pong(ctx, n-1) }
func pong(ctx context.Context, n int) int {
	if n <= 0 {
		return 0
	}
	return ping(ctx, n)
}
