// Package ctxscope tells the rules which contexts each function has and
// where it learns that one was cancelled. It is the building block of
// the cancellation rules (swallowedcancel, detachedctx,
// cancelledcleanup, uncancellable) and of blocking's "honours its ctx".
//
// [Analyzer] reports nothing and exports no facts. Its result, a
// [*Result], answers per function ([Result.Func] takes a cursor at or
// inside the function):
//
//   - [Func.Ctxs]: the contexts a function declares. A context.Context
//     parameter (not one named _) has origin [Param]. An *http.Request
//     parameter r of a handler (a function that also takes an
//     http.ResponseWriter) gives the implicit r.Context() ([Request]);
//     an outgoing request's context is whatever its maker set. A
//     *testing.T, B, F or testing.TB parameter t gives t.Context()
//     ([Test], Go 1.24 and later). A local of type context.Context is
//     followed through what is stored in it: context.WithCancel,
//     WithTimeout, WithDeadline, WithValue, WithCancelCause and
//     WithoutCancel, errgroup.WithContext's ctx, any other call that
//     takes a context and returns one (taken to derive from its first
//     context argument), and plain copies. Background() and TODO() have
//     origin [Background]; a struct field, a package-level variable or an
//     unknown call has origin [Other] and is not in scope.
//   - [Func.InScope], [Func.HasScope], [Func.Best]: the cancellable
//     contexts (see [Ctx.Cancellable]; WithoutCancel detaches on
//     purpose) of the function and of those it is nested in, and the one
//     to use at a position (visible there, not shadowed).
//   - [Func.Of], [Func.Cancels], [Func.Background]: what context an
//     expression denotes; whether cancelling one context cancels another
//     (the same one, or derived without WithoutCancel); whether an
//     expression is Background()/TODO(), directly or through one local.
//   - [Func.Observations]: where the body knows a context was cancelled
//     ([Observation]): a case <-ctx.Done(), a receive from ctx.Done() as
//     a statement, ctx.Err() != nil (directly or through err :=
//     ctx.Err()), context.Cause(ctx) != nil, errors.Is(err,
//     context.Canceled|DeadlineExceeded), err == context.Canceled, and a
//     switch on the error; conditions combined with &&, || and ! are
//     read as far as they prove something. [Func.Propagates] says
//     whether a returned error carries the cancellation on (the observed
//     err, ctx.Err(), a %w wrap, errors.Join, a project's wrapper).
//
// [GiveUp] is a second analyzer, for the one question that crosses
// packages: does a function give up when a context it is given is
// cancelled (it selects on Done, tests Err, or passes the context on to
// a function that does)? It exports a [*GivesUp] fact per such function
// and answers through its result, a [*GiveUps]; cancelledcleanup uses it
// to tell a cleanup that fails at once from one that only reads values
// from the context. It runs on every package that imports context,
// dependencies included, and costs one walk of the functions that take
// a context plus a worklist over the calls that pass one on.
//
// # Bounds
//
// Each function declaration, with the literals nested in it, is walked
// once, on the first question about it; the answers are then read from
// maps. Following a variable visits each of its stored values once
// (cycles, ctx = context.WithValue(ctx, k, v), are cut). Cancels climbs
// at most maxChain derivations; Propagates looks at most maxWrapDepth
// wrappers deep. Nothing is whole-program:
// callees are not entered.
//
// # Limits
//
// Variables are followed flow-insensitively: a local's origin is what
// every value stored in it agrees on ([Other] when they disagree), and a
// context parameter stays a parameter whatever is stored in it later
// (except that storing WithoutCancel detaches it). A function that takes
// a context and returns an unrelated one is read as a derivation.
// Contexts carried by other parameters (a gRPC stream's Context(), a
// cobra command's) are of origin [Other]. Observations are syntactic:
// a cancellation learnt in a callee, or through an error variable
// assigned twice, is not seen.
package ctxscope
