package pages

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"growthcard/models"
)

// AdminAuditData is the audit log's view model.
type AdminAuditData struct {
	Filter  models.AuditFilter
	Rows    []models.AuditRecord
	Total   int64
	Actions []string
}

// Pages is the number of pages of results.
func (d AdminAuditData) Pages() int { return models.Pages(d.Total, d.Filter.PerPage) }

// PageURL is the log URL for page n with the current filters.
func (d AdminAuditData) PageURL(n int) string { return queueURL("/admin/audit", d.Filter.Values(), n) }

// Change is one field of an audit entry: its value before and after ("" when absent).
type Change struct {
	Field  string
	Before string
	After  string
}

// Changes pairs the before and after JSON of an entry field by field, sorted, so a
// reviewer sees what changed at a glance.
func Changes(r models.AuditRecord) []Change {
	before, after := flatJSON(r.Before), flatJSON(r.After)
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	out := make([]Change, 0, len(keys))
	for k := range keys {
		if before[k] == after[k] && r.Before != "" {
			continue // unchanged settings stay out of the way
		}
		if hiddenField[k] || (before[k] == "" && (after[k] == "" || after[k] == "null")) {
			continue // bookkeeping the row already shows, or nothing at all
		}
		out = append(out, Change{Field: k, Before: before[k], After: after[k]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// hiddenField lists fields that repeat what the row shows (its time and target).
var hiddenField = map[string]bool{"ID": true, "CreatedAt": true, "UpdatedAt": true, "DecidedAt": true}

// flatJSON reads a JSON object into field → printed value; anything else is kept whole.
func flatJSON(s string) map[string]string {
	out := map[string]string{}
	if strings.TrimSpace(s) == "" {
		return out
	}
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		out["value"] = s
		return out
	}
	for k, v := range m {
		switch x := v.(type) {
		case string:
			out[k] = x
		case json.Number:
			out[k] = x.String()
		case bool:
			out[k] = fmt.Sprint(x)
		default:
			b, _ := json.Marshal(x)
			out[k] = string(b)
		}
	}
	return out
}

// TargetURL links an audit target to its page, or "" when it has none.
func TargetURL(r models.AuditRecord) string {
	switch r.TargetType {
	case "account":
		if r.TargetID != "" && r.TargetID != "0" {
			return "/admin/accounts/" + r.TargetID
		}
	case "campaign":
		return "/admin/campaigns/" + r.TargetID
	}
	return ""
}

// AuditTargetFilter is the log filtered to one target.
func AuditTargetFilter(r models.AuditRecord) string {
	return "/admin/audit?target=" + r.TargetType + ":" + r.TargetID
}
