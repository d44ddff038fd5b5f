// Package scope holds the fixtures of ctxscope's contexts in scope. The
// probe analyzer of ctxscope_test reports what ctxscope says at each
// function and at each call of probe and cancels.
package scope

import (
	"context"
	"net/http"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"
)

func probe(...any)                                  {}
func cancels(from, e any)                           {}
func use(context.Context)                           {}
func withTrace(ctx context.Context) context.Context { return ctx } // want `ctxs=\[ctx:param\] scope=\[ctx\]`

type key struct{}

func param(ctx context.Context) { // want `ctxs=\[ctx:param\] scope=\[ctx\]`
	probe(ctx) // want `of=ctx:param best=ctx`
}

// A parameter named _ is not in scope.
func blank(_ context.Context) {
	probe(context.Background()) // want `of=context.Background\(\) bg@\d+ best=none`
}

// A struct field is not in scope.
type server struct{ ctx context.Context }

func (s *server) field() {
	probe(s.ctx) // want `of=other best=none`
}

func derivedChain(ctx context.Context, d time.Duration) { // want `ctx2=context.WithTimeout\(ctx:param\) ctx3=context.WithValue\(ctx2=context.WithTimeout\(ctx:param\)\) c4=\(ctx3=.*\)\] scope=\[ctx ctx2 ctx3 c4\]`
	ctx2, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	ctx3 := context.WithValue(ctx2, key{}, 1)
	c4 := ctx3
	probe(c4) // want `of=c4=\(ctx3=context.WithValue\(ctx2=.*\)\) best=c4`
}

// Reassigning the parameter with a derivation keeps it a parameter.
func reassignedParam(ctx context.Context, d time.Duration) { // want `ctxs=\[ctx:param\] scope=\[ctx\]`
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	probe(ctx) // want `of=ctx:param best=ctx`
}

func projectDerivation(ctx context.Context) { // want `tctx=scope.withTrace\(ctx:param\)\] scope=\[ctx tctx\]`
	tctx := withTrace(ctx)
	use(tctx)
}

func group(ctx context.Context) { // want `gctx=errgroup.WithContext\(ctx:param\)\] scope=\[ctx gctx\]`
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { // want `ctxs=\[\] scope=\[ctx gctx\]`
		probe(context.TODO()) // want `of=context.TODO\(\) bg@\d+ best=gctx`
		use(gctx)
		return nil
	})
	_ = g.Wait()
}

func handler(w http.ResponseWriter, r *http.Request) { // want `ctxs=\[r.Context\(\):request\] scope=\[r.Context\(\)\]`
	probe(context.Background()) // want `best=r.Context\(\)`
}

func handlerWithLocal(w http.ResponseWriter, r *http.Request) { // want `ctxs=\[r.Context\(\):request ctx=\(r.Context\(\):request\)\] scope=\[r.Context\(\) ctx\]`
	ctx := r.Context()
	probe(ctx) // want `best=ctx`
}

func testHelper(t *testing.T) { // want `ctxs=\[t.Context\(\):test\] scope=\[t.Context\(\)\]`
	probe(t.Context()) // want `of=t.Context\(\):test best=t.Context\(\)`
}

// WithoutCancel detaches on purpose: the result is not in scope.
func detached(ctx context.Context) { // want `dctx=context.WithoutCancel\(ctx:param\) tctx=context.WithTimeout\(context.WithoutCancel\(ctx:param\)\)\] scope=\[ctx\]`
	dctx := context.WithoutCancel(ctx)
	probe(dctx)        // want `best=ctx`
	cancels(ctx, dctx) // want `cancels=false`
	tctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	cancels(ctx, tctx)                               // want `cancels=false`
	cancels(dctx, context.WithValue(dctx, key{}, 1)) // want `cancels=true`
}

func derivedCancels(ctx context.Context, s *server) { // want `ctx2=context.WithCancel\(ctx:param\) x:other\] scope=\[ctx ctx2\]`
	ctx2, cancel := context.WithCancel(ctx)
	defer cancel()
	cancels(ctx, ctx2)                              // want `cancels=true`
	cancels(ctx2, ctx)                              // want `cancels=false`
	cancels(ctx, context.WithValue(ctx2, key{}, 2)) // want `cancels=true`
	cancels(s.ctx, s.ctx)                           // want `cancels=true`
	x := s.ctx
	cancels(s.ctx, x)                  // want `cancels=true`
	cancels(ctx, x)                    // want `cancels=false`
	cancels(ctx, context.Background()) // want `cancels=false`
}

// Background is followed through one local assignment, no further.
func oneAssignment(ctx context.Context) { // want `bg=context.Background\(\) bg2=\(bg=context.Background\(\)\) mixed=other\] scope=\[ctx\]`
	bg := context.Background()
	probe(bg) // want `of=bg=context.Background\(\) bg@\d+ best=ctx`
	bg2 := bg
	probe(bg2) // want `of=bg2=\(bg=context.Background\(\)\) best=ctx`
	mixed := context.Background()
	if ctx != nil {
		mixed = ctx
	}
	probe(mixed) // want `of=mixed=other best=ctx`
}

// A Background that a branch derives further keeps its origin, but is
// no longer a plain Background().
func backgroundWithTimeout(d time.Duration) { // want `ctxs=\[ctx=context.Background\(\)\] scope=\[\]`
	ctx := context.Background()
	if d > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, d)
		defer cancel()
	}
	probe(ctx) // want `of=ctx=context.Background\(\) best=none`
}

func shadowing(ctx context.Context) { // want `ctxs=\[ctx:param ctx=context.Background\(\)\] scope=\[ctx\]`
	{
		ctx := context.Background()
		probe(ctx) // want `of=ctx=context.Background\(\) bg@\d+ best=none`
	}
	probe(ctx) // want `of=ctx:param best=ctx`
}

func laterDeclared(ctx context.Context) { // want `scope=\[ctx ctx2\]`
	probe(ctx) // want `best=ctx$`
	ctx2, cancel := context.WithCancel(ctx)
	defer cancel()
	probe(ctx2) // want `best=ctx2`
}

func closures(ctx context.Context) { // want `ctxs=\[ctx:param\] scope=\[ctx\]`
	inner := func(ctx context.Context) { // want `ctxs=\[ctx:param\] scope=\[ctx ctx\]`
		probe(ctx) // want `best=ctx`
	}
	inner(ctx)
	go func() { // want `ctxs=\[\] scope=\[ctx\]`
		probe() // want `best=ctx`
	}()
}

var pkgLevel = func(ctx context.Context) { // want `ctxs=\[ctx:param\] scope=\[ctx\]`
	probe(ctx) // want `of=ctx:param best=ctx`
}

// No context at all: no report at the function.
func none() {
	probe(context.Background()) // want `best=none`
}
