package lazyre

import "regexp/syntax"

// Parts returns the parts every match of re holds, in order: the
// sub-expressions of a concatenation, or re itself, with capture groups
// taken off. A literal among them is a string every match contains,
// which makes a cheap test before the expression runs (Lines' May).
func Parts(re *syntax.Regexp) []*syntax.Regexp {
	re = uncapture(re)
	if re.Op != syntax.OpConcat {
		return []*syntax.Regexp{re}
	}
	parts := make([]*syntax.Regexp, len(re.Sub))
	for i, sub := range re.Sub {
		parts[i] = uncapture(sub)
	}
	return parts
}

func uncapture(re *syntax.Regexp) *syntax.Regexp {
	for re.Op == syntax.OpCapture {
		re = re.Sub[0]
	}
	return re
}
