// Package noreturn knows which calls never return: the building block of
// every rule that follows paths to a return (a call that never returns
// ends its path) or asks whether a loop can be left (a call that ends the
// goroutine or the process leaves it).
//
// It builds on x/tools' ctrlflow, the analyzer go vet's lostcancel uses:
// ctrlflow proves a function never returns when no path of its body
// reaches a return (it knows panic, syscall.Exit, runtime.Goexit and the
// fatal functions of klog, zap and logrus, and infers the rest: os.Exit,
// log.Fatal, (*testing.T).Fatal, a project's own fatalf helper). This
// package adds what ctrlflow cannot see, calls through testing.TB, and
// tells the calls that end the goroutine or the process (os.Exit,
// log.Fatal, t.FailNow, a helper calling them) from those that panic or
// loop forever: a panic is a crash, not a way for an owner to stop a
// goroutine.
//
// [Analyzer] reports nothing. It exports a [Fact] for every function of a
// package that never returns, so that its callers in other packages know
// (ctrlflow's own facts are not visible outside it), and its result, a
// [*Result], answers for calls and functions. A short list of well-known
// functions (os.Exit, log.Fatal, t.Fatal, log.Panic...) is known without
// facts, for drivers that analyze a package without its dependencies.
//
// The cost is ctrlflow's, a graph per function of every package (which go
// vet's own suite pays too), plus a graph for each function that calls a
// testing.TB method or a helper found not to return (at most maxRounds
// rounds of them) and one walk of each function that never returns.
package noreturn

import (
	"go/ast"
	"go/types"
	"reflect"

	"github.com/asynclint/asynclint/internal/typematch"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/ctrlflow"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
)

// Analyzer finds the functions that never return.
var Analyzer = &analysis.Analyzer{
	Name:       "noreturn",
	Doc:        "noreturn: find the functions and calls that never return (building block)",
	Requires:   []*analysis.Analyzer{inspect.Analyzer, ctrlflow.Analyzer},
	Run:        run,
	FactTypes:  []analysis.Fact{new(Fact)},
	ResultType: reflect.TypeFor[*Result](),
}

// Fact is what noreturn keeps about a function that never returns
// normally. Exits says that it ends the goroutine or the process on some
// path (and panics or loops forever on the others), rather than only
// panicking or looping.
type Fact struct {
	Exits bool
}

// AFact marks Fact as a fact.
func (*Fact) AFact() {}

// String is "exits" or "noReturn", for fixtures.
func (f *Fact) String() string {
	if f.Exits {
		return "exits"
	}
	return "noReturn"
}

// Result answers for the calls of one package.
type Result struct {
	info  *types.Info
	funcs map[*types.Func]*Fact // the functions known never to return: the package's and those it calls
}

// Floor returns a Result that knows only the well-known functions that
// never return (os.Exit, log.Fatal, t.Fatal, panic...), for code seen
// without facts or without running the analyzer.
func Floor(info *types.Info) *Result {
	return &Result{info: info, funcs: map[*types.Func]*Fact{}}
}

// Func reports whether fn never returns normally.
func (r *Result) Func(fn *types.Func) bool { return r.fact(fn) != nil }

// Exits reports whether fn ends the goroutine or the process (and never
// returns normally).
func (r *Result) Exits(fn *types.Func) bool {
	f := r.fact(fn)
	return f != nil && f.Exits
}

func (r *Result) fact(fn *types.Func) *Fact {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	f := r.funcs[fn]
	if exits, ok := known(fn); ok && (f == nil || exits && !f.Exits) {
		return &Fact{Exits: exits}
	}
	return f
}

// Call reports whether call never returns normally: panic, a call of a
// function that never returns, or a method of testing.TB that stops the
// test (Fatal, FailNow, Skip...).
func (r *Result) Call(call *ast.CallExpr) bool {
	if typematch.Builtin(r.info, call) == "panic" {
		return true
	}
	fn := typematch.Callee(r.info, call)
	return stopsTest(fn) || r.Func(fn)
}

// CallExits reports whether call ends the goroutine or the process:
// os.Exit, log.Fatal, runtime.Goexit, t.Fatal and t.Skip (testing.TB's
// too), or a function that does so. A panic does not count.
func (r *Result) CallExits(call *ast.CallExpr) bool {
	fn := typematch.Callee(r.info, call)
	return stopsTest(fn) || r.Exits(fn)
}

// MayReturn is the opposite of Call, the form cfg.New wants.
func (r *Result) MayReturn(call *ast.CallExpr) bool { return !r.Call(call) }

// CFG builds the control-flow graph of body, cutting each path at a call
// that never returns: its block has no successors.
func (r *Result) CFG(body *ast.BlockStmt) *cfg.CFG { return cfg.New(body, r.MayReturn) }

// stopsTest reports whether fn is a method of the testing.TB interface
// that stops the test: calls through the interface have no body for
// ctrlflow to judge.
func stopsTest(fn *types.Func) bool {
	if fn == nil {
		return false
	}
	switch fn.Name() {
	case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
		return typematch.IsMethod(fn, "testing", "TB", fn.Name())
	}
	return false
}

// known reports whether fn is a well-known function that never returns,
// and whether it ends the goroutine or the process (rather than
// panicking). It is the floor of what noreturn knows, facts or not.
func known(fn *types.Func) (exits, ok bool) {
	if fn.Pkg() == nil {
		return false, false
	}
	name := fn.Name()
	switch fn.Pkg().Path() {
	case "os":
		return true, typematch.IsFunc(fn, "os", "Exit")
	case "syscall":
		return true, typematch.IsFunc(fn, "syscall", name) && (name == "Exit" || name == "ExitProcess" || name == "ExitThread")
	case "runtime":
		return true, typematch.IsFunc(fn, "runtime", "Goexit")
	case "log":
		if typematch.IsFunc(fn, "log", name) || typematch.IsMethod(fn, "log", "Logger", name) {
			switch name {
			case "Fatal", "Fatalf", "Fatalln":
				return true, true
			case "Panic", "Panicf", "Panicln":
				return false, true
			}
		}
	case "testing":
		switch name {
		case "Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow":
			return true, typematch.IsMethod(fn, "testing", "common", name) || typematch.IsMethod(fn, "testing", "TB", name)
		}
	case "go.uber.org/zap":
		switch name {
		case "Fatal", "Fatalw", "Fatalf":
			return true, typematch.IsMethod(fn, "go.uber.org/zap", "Logger", name) || typematch.IsMethod(fn, "go.uber.org/zap", "SugaredLogger", name)
		case "Panic", "Panicw", "Panicf":
			return false, typematch.IsMethod(fn, "go.uber.org/zap", "Logger", name) || typematch.IsMethod(fn, "go.uber.org/zap", "SugaredLogger", name)
		}
	case "github.com/sirupsen/logrus":
		switch name {
		case "Exit":
			return true, typematch.IsMethod(fn, "github.com/sirupsen/logrus", "Logger", name)
		case "Panic", "Panicf", "Panicln":
			return false, typematch.IsMethod(fn, "github.com/sirupsen/logrus", "Logger", name) || typematch.IsMethod(fn, "github.com/sirupsen/logrus", "Entry", name)
		}
	case "k8s.io/klog", "k8s.io/klog/v2":
		switch name {
		case "Exit", "ExitDepth", "Exitf", "Exitln", "Fatal", "FatalDepth", "Fatalf", "Fatalln":
			return true, typematch.IsFunc(fn, fn.Pkg().Path(), name)
		}
	}
	return false, false
}

// maxRounds bounds the rounds in which run adds, to ctrlflow's verdicts,
// the functions that never return only through calls ctrlflow cannot see
// (testing.TB's Fatal, a function of this package found in an earlier
// round). A round rebuilds the graph of the functions that call one found
// in the round before; a chain of such helpers deeper than this is not
// followed to its end, and its outermost callers are taken to return.
const maxRounds = 8

func run(pass *analysis.Pass) (any, error) {
	in := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	cfgs := pass.ResultOf[ctrlflow.Analyzer].(*ctrlflow.CFGs)
	r := &Result{info: pass.TypesInfo, funcs: map[*types.Func]*Fact{}}

	// The facts of the functions this package calls from elsewhere: a
	// Pass may not be asked for facts once Run has returned.
	seen := map[*types.Func]bool{}
	for cur := range in.Root().Preorder((*ast.CallExpr)(nil)) {
		fn := typematch.Callee(pass.TypesInfo, cur.Node().(*ast.CallExpr))
		if fn == nil || fn.Pkg() == nil || fn.Pkg() == pass.Pkg || seen[fn] {
			continue
		}
		seen[fn] = true
		if f := new(Fact); pass.ImportObjectFact(fn, f) {
			r.funcs[fn] = f
		}
	}

	// The package's functions: ctrlflow's verdicts first.
	decls := map[*types.Func]*ast.FuncDecl{}
	var order []*types.Func
	for cur := range in.Root().Preorder((*ast.FuncDecl)(nil)) {
		d := cur.Node().(*ast.FuncDecl)
		fn, ok := pass.TypesInfo.Defs[d.Name].(*types.Func)
		if !ok {
			continue
		}
		decls[fn] = d
		order = append(order, fn)
		if cfgs.NoReturn(fn) {
			r.funcs[fn] = &Fact{}
		}
	}
	r.addUnseen(decls, order)
	r.classify(decls, order)
	for _, fn := range order {
		if f := r.funcs[fn]; f != nil {
			pass.ExportObjectFact(fn, f)
		}
	}
	return r, nil
}

// addUnseen adds the functions of the package that never return only
// because of a call ctrlflow does not judge so (see maxRounds): a round
// looks again at every function with a statement calling one that never
// returns, by this result, while ctrlflow said otherwise.
func (r *Result) addUnseen(decls map[*types.Func]*ast.FuncDecl, order []*types.Func) {
	// callers: the functions whose body has a statement calling fn.
	callers := map[*types.Func][]*types.Func{}
	var next []*types.Func
	for _, fn := range order {
		d := decls[fn]
		if d.Body == nil {
			continue
		}
		candidate := false
		ast.Inspect(d.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.ExprStmt:
				if call, ok := n.X.(*ast.CallExpr); ok {
					callee := typematch.Callee(r.info, call)
					if callee != nil && decls[callee.Origin()] != nil {
						callers[callee.Origin()] = append(callers[callee.Origin()], fn)
					}
					candidate = candidate || stopsTest(callee)
				}
			}
			return true
		})
		if candidate && r.funcs[fn] == nil {
			next = append(next, fn)
		}
	}
	for range maxRounds {
		if len(next) == 0 {
			return
		}
		var found []*types.Func
		for _, fn := range next {
			if r.funcs[fn] == nil && r.CFG(decls[fn].Body).NoReturn() {
				r.funcs[fn] = &Fact{}
				found = append(found, fn)
			}
		}
		next = nil
		for _, fn := range found {
			for _, c := range callers[fn] {
				if r.funcs[c] == nil {
					next = append(next, c)
				}
			}
		}
	}
}

// classify sets Exits on the package's functions that never return: a
// function exits if its body (outside function literals) calls one that
// exits or ends a test, directly or through other functions of the
// package that never return. It is a search backwards from the functions
// that call such a function of another package, so that recursion does
// not make the answer depend on the order.
func (r *Result) classify(decls map[*types.Func]*ast.FuncDecl, order []*types.Func) {
	callers := map[*types.Func][]*types.Func{} // local callee -> the never-returning functions calling it
	var queue []*types.Func
	for _, fn := range order {
		f, d := r.funcs[fn], decls[fn]
		if f == nil {
			continue
		}
		if e, ok := known(fn); ok && e {
			f.Exits = true // syscall.Exit, declared without a body
		}
		if d.Body == nil {
			if f.Exits {
				queue = append(queue, fn)
			}
			continue
		}
		ast.Inspect(d.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.CallExpr:
				callee := typematch.Callee(r.info, n)
				switch {
				case callee == nil:
				case decls[callee] != nil:
					callers[callee] = append(callers[callee], fn)
				case stopsTest(callee) || r.Exits(callee):
					f.Exits = true
				}
			}
			return true
		})
		if f.Exits {
			queue = append(queue, fn)
		}
	}
	for len(queue) > 0 {
		fn := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, c := range callers[fn] {
			if f := r.funcs[c]; !f.Exits {
				f.Exits = true
				queue = append(queue, c)
			}
		}
	}
}
