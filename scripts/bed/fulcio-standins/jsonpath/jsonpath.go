// import path: github.com/PaesslerAG/jsonpath
// Get for the paths Fulcio's issuer claims use: $.a.b and $['a'].b into decoded JSON.
package jsonpath

import (
	"fmt"
	"strings"
)

func Get(path string, value interface{}) (interface{}, error) {
	if !strings.HasPrefix(path, "$") {
		return nil, fmt.Errorf("jsonpath %q does not start with $", path)
	}
	rest := path[1:]
	cur := value
	for rest != "" {
		var name string
		switch {
		case strings.HasPrefix(rest, "."):
			rest = rest[1:]
			end := strings.IndexAny(rest, ".[")
			if end < 0 {
				end = len(rest)
			}
			name, rest = rest[:end], rest[end:]
		case strings.HasPrefix(rest, "['"):
			end := strings.Index(rest, "']")
			if end < 0 {
				return nil, fmt.Errorf("jsonpath %q: unclosed bracket", path)
			}
			name, rest = rest[2:end], rest[end+2:]
		default:
			return nil, fmt.Errorf("jsonpath %q: unsupported at %q", path, rest)
		}
		obj, ok := cur.(map[string]interface{})
		if !ok {
			return nil, fmt.Errorf("unknown key %s", name)
		}
		if cur, ok = obj[name]; !ok {
			return nil, fmt.Errorf("unknown key %s", name)
		}
	}
	return cur, nil
}
