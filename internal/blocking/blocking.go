package blocking

import (
	"go/ast"
	"go/types"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/asynclint/asynclint/internal/ctxscope"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// Analyzer computes which functions may sleep, block or yield, exports
// a [*Fact] for each exported one that may, and answers per-node
// questions through its result, a [*Result].
var Analyzer = &analysis.Analyzer{
	Name:       "blocking",
	Doc:        "blocking: which functions may sleep, block or yield, across packages (building block)",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, ctxscope.Analyzer},
	Run:        run,
	FactTypes:  []analysis.Fact{new(Fact)},
	ResultType: reflect.TypeFor[*Result](),
}

// MaxDepth is how many calls deep a wait is followed: a function whose
// nearest wait of a kind is more than MaxDepth calls away does not get
// that kind. Four levels reach from a dispatch loop's case body through
// a handler, a store and a client to the database call; beyond that the
// wait is usually on a path the caller does not take, and reporting it
// would be noise.
const MaxDepth = 4

// maxRounds bounds the fixpoint over a package's functions. A round
// recomputes every function from its callees' current facts, so after
// round r every wait at most r-1 calls deep is known; waits deeper than
// MaxDepth are dropped, so MaxDepth+1 rounds reach the fixpoint (the
// loop stops earlier when a round changes nothing).
const maxRounds = MaxDepth + 1

// Kind is a set of ways a function can stop running for a while.
type Kind uint8

const (
	// Sleep is time.Sleep, or a receive from a timer's channel
	// (time.After, time.Tick, a Timer's or Ticker's C): a wait of known
	// length while the timer runs. (A drain after Stop, if !t.Stop() {
	// <-t.C }, is one too, and can wait forever: a rule that cares looks
	// at the Op's node.)
	Sleep Kind = 1 << iota
	// Chan is a channel send or receive, a range over a channel, or a
	// select without a default case: a wait for another goroutine.
	Chan
	// Wait is sync.WaitGroup.Wait, sync.Cond.Wait, errgroup.Group.Wait
	// or semaphore.Weighted.Acquire.
	Wait
	// IO is a wait on the network or on another process: a net.Conn's
	// or net.Listener's Read, Write or Accept, net.Dial and DNS lookups,
	// net/http clients and servers, os/exec's Run and Wait,
	// os.Process.Wait, database/sql queries.
	IO
	// Lock is sync.Mutex.Lock and sync.RWMutex.Lock or RLock. It is
	// weaker than the others (held briefly, in most code) and is only an
	// operation: it never makes a fact, so calls never carry it.
	Lock
	// Yield is runtime.Gosched: no wait, but the goroutine lets others
	// run. Any other kind yields too.
	Yield

	numKinds = iota
)

// Waits are the kinds that can keep a goroutine waiting for an
// unbounded (or long) time.
const Waits = Sleep | Chan | Wait | IO

// propagated are the kinds that facts carry from callee to caller.
const propagated = Waits | Yield

var kindNames = [numKinds]string{"sleep", "chan", "wait", "io", "lock", "yield"}

// String lists the kinds: "sleep chan".
func (k Kind) String() string {
	var parts []string
	for i := range numKinds {
		if k&(1<<i) != 0 {
			parts = append(parts, kindNames[i])
		}
	}
	return strings.Join(parts, " ")
}

// Fact is what blocking knows about a function that may wait or yield.
// It is exported for exported functions and methods only (others cannot
// be called from another package), and only when Kinds is not empty.
type Fact struct {
	// Kinds are what the function may do, directly or through calls
	// followed at most MaxDepth deep.
	Kinds Kind
	// Uncancellable are the kinds that the context the function takes
	// cannot interrupt: those outside a select on its ctx.Done(), and
	// those of callees that do not get that context or do not honour
	// it. For a function without a context parameter it is Kinds.
	Uncancellable Kind
	// CtxParam is the index of the function's first context.Context
	// parameter, -1 if it has none.
	CtxParam int8
	// Depth gives, per kind (indexed by bit position), how many calls
	// away the nearest such operation is: 0 when the body itself does
	// it (a call to time.Sleep counts as doing it).
	Depth [numKinds]uint8
}

// AFact marks Fact as a fact.
func (*Fact) AFact() {}

// HonoursCtx reports whether the function takes a context and every
// wait it may make is interrupted by that context's cancellation: a
// helper that returns on ctx.Done().
func (f *Fact) HonoursCtx() bool {
	return f.CtxParam >= 0 && f.Kinds&Waits != 0 && f.Uncancellable&Waits == 0
}

// DepthOf returns how many calls away the nearest operation of kind k
// is (k a single kind), or -1 when there is none.
func (f *Fact) DepthOf(k Kind) int {
	for i := range numKinds {
		if k == 1<<i {
			if f.Kinds&k == 0 {
				return -1
			}
			return int(f.Depth[i])
		}
	}
	return -1
}

// String describes the fact for fixtures: "mayBlock(sleep chan@2)",
// each kind with its depth when not 0, then "honoursCtx" or
// "uncancellable(...)" for a function with a context parameter.
func (f *Fact) String() string {
	var parts []string
	for i := range numKinds {
		if f.Kinds&(1<<i) != 0 {
			s := kindNames[i]
			if f.Depth[i] > 0 {
				s += "@" + strconv.Itoa(int(f.Depth[i]))
			}
			parts = append(parts, s)
		}
	}
	s := "mayBlock(" + strings.Join(parts, " ") + ")"
	if f.CtxParam >= 0 {
		if f.HonoursCtx() {
			s += " honoursCtx"
		} else if f.Uncancellable != 0 {
			s += " uncancellable(" + f.Uncancellable.String() + ")"
		}
	}
	return s
}

// equal reports whether two facts say the same.
func (f *Fact) equal(g *Fact) bool {
	if f == nil || g == nil {
		return f == g
	}
	return *f == *g
}

// Result answers questions about the package's functions and the
// operations in them. It is safe for concurrent use.
type Result struct {
	pass  *analysis.Pass
	facts map[*types.Func]*Fact // local functions (final) and imported ones looked up so far
	mu    sync.Mutex            // guards facts for look-ups after run
	units map[ast.Node]*unit    // FuncDecl and FuncLit → the unit whose goroutine runs its body
}

// Fact returns what fn may do, or nil when it does not wait or yield,
// or is not known: a function value, an interface method (except the
// few known by name, such as net.Conn's Read), a function without body.
// A function of a package the current one does not import directly may
// be unknown even if it blocks.
func (r *Result) Fact(fn *types.Func) *Fact {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if f := known(fn); f != nil {
		return f
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if f, ok := r.facts[fn]; ok {
		return f
	}
	var f *Fact
	if fn.Pkg() != nil && fn.Pkg() != r.pass.Pkg {
		f = new(Fact)
		if !r.pass.ImportObjectFact(fn, f) {
			f = nil
		}
	}
	r.facts[fn] = f
	return f
}

// Ops returns the operations that may wait or yield within cur's node
// and that the goroutine running that node performs, in source order:
// not those in function literals it only defines (unless called on the
// spot) nor in go statements (whose arguments still count). For a call
// the Op carries the callee's fact; calls that cannot wait or yield are
// not listed.
func (r *Result) Ops(cur inspector.Cursor) []Op {
	n := cur.Node()
	var fun ast.Node
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fun = c.Node()
		break
	}
	u := r.units[fun]
	if u == nil {
		return nil
	}
	lo, hi := u.span(n)
	if lo == hi {
		return nil
	}
	return u.ops[lo:hi:hi]
}

// Kinds returns the union of the kinds of [Result.Ops](cur), in time
// independent of how many operations there are.
func (r *Result) Kinds(cur inspector.Cursor) Kind {
	var fun ast.Node
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		fun = c.Node()
		break
	}
	u := r.units[fun]
	if u == nil {
		return 0
	}
	lo, hi := u.span(cur.Node())
	var k Kind
	for i := range numKinds {
		if u.counts[hi][i] > u.counts[lo][i] {
			k |= 1 << i
		}
	}
	return k
}

// span returns the range of u.ops within n.
func (u *unit) span(n ast.Node) (lo, hi int) {
	lo = sort.Search(len(u.ops), func(i int) bool { return u.ops[i].Node.Pos() >= n.Pos() })
	hi = lo + sort.Search(len(u.ops)-lo, func(i int) bool { return u.ops[lo+i].Node.Pos() >= n.End() })
	return lo, hi
}

// Op is one operation that may wait or yield.
type Op struct {
	// Node is the operation: an *ast.CallExpr, an *ast.SendStmt, an
	// *ast.UnaryExpr (a receive), an *ast.RangeStmt over a channel, or
	// an *ast.SelectStmt without default (its cases' sends and receives
	// are not listed apart).
	Node ast.Node
	// Kind is what it may do; for a call, the kinds of the callee's
	// fact that are within MaxDepth of this call.
	Kind Kind
	// Callee and Fact are the called function and its fact (for a
	// function known by name, such as time.Sleep, a fact made for it);
	// nil unless Node is a call.
	Callee *types.Func
	Fact   *Fact
	// Done is the context whose cancellation interrupts the operation:
	// X of a select's case <-X.Done(), X of a receive <-X.Done(), or the
	// argument a ctx-honouring callee gets ([Fact.HonoursCtx]); nil if
	// none. Whether it is the context in scope is for the rule to judge
	// (ctxscope's Func.Cancels).
	Done ast.Expr
	// Depth is how many calls away the nearest operation of Kind is: 0
	// for an operation in the node itself or a call known by name.
	Depth int
}
