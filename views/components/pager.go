package components

import "sort"

// PageLink is one item of a pagination bar: a page number, or a gap when N is 0.
type PageLink struct {
	N       int
	Current bool
}

// PageWindow lists the pages to link around cur out of total: the first, the last,
// two either side of the current one, and gaps between, so that 2,000 pages still
// make a short bar.
func PageWindow(cur, total int) []PageLink {
	if total <= 1 {
		return nil
	}
	cur = min(max(cur, 1), total)
	seen := map[int]bool{}
	var nums []int
	for _, n := range []int{1, cur - 2, cur - 1, cur, cur + 1, cur + 2, total} {
		if n >= 1 && n <= total && !seen[n] {
			seen[n] = true
			nums = append(nums, n)
		}
	}
	sort.Ints(nums)
	var out []PageLink
	for i, n := range nums {
		if i > 0 && n > nums[i-1]+1 {
			out = append(out, PageLink{})
		}
		out = append(out, PageLink{N: n, Current: n == cur})
	}
	return out
}
