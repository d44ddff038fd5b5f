package blockingcallback

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"
)

// funcList is the value of -blockingcallback.funcs: the project's own
// serial dispatchers, each a package-level function (pkg/path.Func) or a
// method ((*pkg/path.T).Method or (pkg/path.T).Method; the two match the
// same methods).
type funcList struct {
	entries []funcEntry
	text    string
}

type funcEntry struct {
	pkg, typ, name string // typ is "" for a function
	text           string // as the user wrote it
}

func (l *funcList) String() string { return l.text }

// Set parses a comma-separated list; an empty string clears it. A
// malformed entry is an error naming it, and leaves the list unchanged.
func (l *funcList) Set(s string) error {
	var entries []funcEntry
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			if strings.TrimSpace(s) == "" {
				break
			}
			return fmt.Errorf("empty entry in %q; want pkg/path.Func or (*pkg/path.T).Method, separated by commas", s)
		}
		e, err := parseFunc(part)
		if err != nil {
			return err
		}
		entries = append(entries, e)
	}
	l.entries, l.text = entries, s
	return nil
}

// parseFunc parses one entry: pkg/path.Func, (*pkg/path.T).Method or
// (pkg/path.T).Method.
func parseFunc(s string) (funcEntry, error) {
	bad := func(why string) (funcEntry, error) {
		return funcEntry{}, fmt.Errorf("bad entry %q: %s; want pkg/path.Func or (*pkg/path.T).Method", s, why)
	}
	e := funcEntry{text: s}
	if strings.HasPrefix(s, "(") {
		end := strings.Index(s, ")")
		if end < 0 {
			return bad("no closing parenthesis")
		}
		recv, rest := s[1:end], s[end+1:]
		method, ok := strings.CutPrefix(rest, ".")
		if !ok {
			return bad("want .Method after the parenthesis")
		}
		e.name = method
		qualified := strings.TrimPrefix(recv, "*")
		dot := strings.LastIndex(qualified, ".")
		if dot < 0 {
			return bad("the type must be qualified by its package path")
		}
		e.pkg, e.typ = qualified[:dot], qualified[dot+1:]
		if !token.IsIdentifier(e.typ) {
			return bad(fmt.Sprintf("%q is not a type name", e.typ))
		}
	} else {
		dot := strings.LastIndex(s, ".")
		if dot < 0 {
			return bad("the function must be qualified by its package path")
		}
		e.pkg, e.name = s[:dot], s[dot+1:]
		if strings.ContainsAny(e.pkg, "()*") {
			return bad("misplaced parenthesis or star")
		}
	}
	if !token.IsIdentifier(e.name) {
		return bad(fmt.Sprintf("%q is not a function or method name", e.name))
	}
	if e.pkg == "" || strings.HasPrefix(e.pkg, "/") || strings.HasSuffix(e.pkg, "/") ||
		strings.ContainsAny(e.pkg, " \t()*,") {
		return bad(fmt.Sprintf("%q is not a package path", e.pkg))
	}
	return e, nil
}

// match returns the entry that names fn, or nil.
func (l funcList) match(fn *types.Func) *funcEntry {
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	for i := range l.entries {
		e := &l.entries[i]
		if fn.Name() != e.name {
			continue
		}
		recv := fn.Signature().Recv()
		if e.typ == "" {
			if recv == nil && fn.Pkg().Path() == e.pkg {
				return e
			}
			continue
		}
		if recv == nil {
			continue
		}
		t := recv.Type()
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			obj := n.Origin().Obj()
			if obj.Name() == e.typ && obj.Pkg() != nil && obj.Pkg().Path() == e.pkg {
				return e
			}
		}
	}
	return nil
}
