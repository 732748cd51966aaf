# tests/e2e/render-lib.sh: helpers for the t-render-*.sh tests (sourced after lib.sh).

# check_layout FILE: the geometry promises of `radar layout --format json` in FILE:
# every blip inside its sector and ring band, no two blips overlapping, no text box
# overlapping a blip or another text box. Prints the problems; fails if any.
check_layout() {
	json_flat "$1" | awk -F= '
	function num(v) { return v + 0 }
	{ key = $1; val = substr($0, length($1) + 2) }
	key ~ /^\$\.center\[0\]$/ { cx = num(val) }
	key ~ /^\$\.center\[1\]$/ { cy = num(val) }
	match(key, /^\$\.rings\[[0-9]+\]\.(id|r_inner|r_outer)$/) {
		split(key, p, /[\[\]]/); i = p[2]; f = substr(key, index(key, "].") + 2)
		ring[i, f] = f == "id" ? val : num(val); if (f == "id") ringidx[val] = i
	}
	match(key, /^\$\.sectors\[[0-9]+\]\.(id|start_deg|end_deg)$/) {
		split(key, p, /[\[\]]/); i = p[2]; f = substr(key, index(key, "].") + 2)
		sec[i, f] = f == "id" ? val : num(val); if (f == "id") secidx[val] = i
	}
	match(key, /^\$\.blips\[[0-9]+\]\.(id|quadrant|ring|x|y|r)$/) {
		split(key, p, /[\[\]]/); i = p[2]; f = substr(key, index(key, "].") + 2)
		b[i, f] = f ~ /^(x|y|r)$/ ? num(val) : val; if (i + 1 > nb) nb = i + 1
	}
	match(key, /^\$\.labels\[[0-9]+\]\.(text|x|y|w|h)$/) {
		split(key, p, /[\[\]]/); i = p[2]; f = substr(key, index(key, "].") + 2)
		lb[i, f] = f == "text" ? val : num(val); if (i + 1 > nl) nl = i + 1
	}
	END {
		pi = atan2(0, -1); bad = 0
		for (i = 0; i < nb; i++) {
			x = b[i, "x"] - cx; y = b[i, "y"] - cy; r = b[i, "r"]; rho = sqrt(x * x + y * y)
			th = atan2(x, -y) * 180 / pi; if (th < 0) th += 360
			q = secidx[b[i, "quadrant"]]; k = ringidx[b[i, "ring"]]
			s0 = sec[q, "start_deg"]; s1 = sec[q, "end_deg"]
			if (!(th > s0 && th < s1 && rho - r > ring[k, "r_inner"] && rho + r < ring[k, "r_outer"] &&
			      rho * sin((th - s0) * pi / 180) > r && rho * sin((s1 - th) * pi / 180) > r)) {
				print "blip " b[i, "id"] " leaves its cell"; bad++
			}
			for (j = i + 1; j < nb; j++) {
				dx = b[i, "x"] - b[j, "x"]; dy = b[i, "y"] - b[j, "y"]
				if (sqrt(dx * dx + dy * dy) <= r + b[j, "r"] - 0.02) { print "blips " b[i, "id"] " and " b[j, "id"] " overlap"; bad++ }
			}
		}
		for (i = 0; i < nl; i++) {
			x0 = lb[i, "x"]; y0 = lb[i, "y"]; x1 = x0 + lb[i, "w"]; y1 = y0 + lb[i, "h"]
			for (j = i + 1; j < nl; j++)
				if (x0 < lb[j, "x"] + lb[j, "w"] - 0.02 && lb[j, "x"] < x1 - 0.02 &&
				    y0 < lb[j, "y"] + lb[j, "h"] - 0.02 && lb[j, "y"] < y1 - 0.02) {
					print "labels " lb[i, "text"] " and " lb[j, "text"] " overlap"; bad++
				}
			for (j = 0; j < nb; j++) {
				px = b[j, "x"]; py = b[j, "y"]
				qx = px < x0 ? x0 : px > x1 ? x1 : px; qy = py < y0 ? y0 : py > y1 ? y1 : py
				if (sqrt((px - qx) ^ 2 + (py - qy) ^ 2) < b[j, "r"] - 0.02) { print "label " lb[i, "text"] " covers blip " b[j, "id"]; bad++ }
			}
		}
		if (!nb && !nl) { print "no blips and no labels"; bad++ }
		exit bad ? 1 : 0
	}' > "$E2E_WORK/.e2e-layout" 2>&1 || { fail "layout $1: $(head -5 "$E2E_WORK/.e2e-layout" | tr '\n' ';')"; return 1; }
}

# radar_dir DIR QUADRANTS RINGS: a radar folder (no Git) with that many quadrants and rings.
radar_dir() {
	mkdir -p "$1/radar"
	{
		echo "title: Shape test"
		echo "quadrants:"
		i=0; while [ $i -lt "$2" ]; do echo "  - {id: q$i, name: Quadrant $i}"; i=$((i + 1)); done
		echo "rings:"
		i=0; while [ $i -lt "$3" ]; do echo "  - {id: r$i, name: Ring $i}"; i=$((i + 1)); done
		echo "scorecard:"
		echo "  thresholds: {$(i=0; while [ $i -lt $(($3 - 1)) ]; do printf '%sr%s: %s' "$([ $i -gt 0 ] && echo ', ')" $i "$((5 - i)).0"; i=$((i + 1)); done)}"
	} > "$1/.radar.yml"
}

# entry DIR ID NAME QUADRANT RING
entry() {
	printf 'name: "%s"\nquadrant: %s\nring: %s\n' "$3" "$4" "$5" > "$1/radar/$2.yaml"
}
