# fish completion for radar (installed as share/fish/vendor_completions.d/radar.fish;
# adr.fish wraps it). Commands and options come from the binary's own help, entry
# names from `radar list --format json`, ADR numbers from `adr list`.

function __radar_commands
    radar help 2>/dev/null | awk '/^Commands:/ { f = 1; next } /^$/ { f = 0 } f { print $1 "\t" substr($0, index($0, $2)) }'
end

function __radar_entries
    radar list --format json 2>/dev/null | sed -n 's/^ *"id": "\([^"]*\)",*$/\1/p'
end

function __radar_adr_numbers
    radar adr list 2>/dev/null | sed -n 's|^\(.*/\)\{0,1\}0*\([0-9][0-9]*\)-[^/]*\.md$|\2|p'
end

function __radar_command
    set -l words (commandline -opc)
    set -e words[1]
    while set -q words[1]
        switch $words[1]
            case -C --rev --format
                set -e words[1]
            case '-*'
            case '*'
                echo $words[1]
                return 0
        end
        set -e words[1]
    end
    return 1
end

function __radar_no_command
    not __radar_command >/dev/null
end

function __radar_using
    set -l c (__radar_command)
    and test "$c" = "$argv[1]"
end

function __radar_options
    set -l cmd (__radar_command)
    or return
    radar $cmd --help 2>/dev/null | grep -o -E -- '(^| )--[a-zA-Z][a-zA-Z-]*' | tr -d ' ' | sort -u
end

complete -c radar -f
complete -c radar -s C -r -a '(__fish_complete_directories)' -d 'run as if started in DIR'
complete -c radar -l rev -x -d 'read the radar at a revision'
complete -c radar -l format -x -a 'text json' -d 'output format'
complete -c radar -l version -d 'show the version'
complete -c radar -n __radar_no_command -a '(__radar_commands)'
complete -c radar -n __radar_no_command -a adr -d 'architecture decision records'
complete -c radar -n 'not __radar_no_command; and string match -q -- "-*" (commandline -ct)' -a '(__radar_options)'
for c in score show rate move history judge
    complete -c radar -n "__radar_using $c" -a '(__radar_entries)' -d entry
end
complete -c radar -n '__radar_using publish; or __radar_using render' -s o -r -F
complete -c radar -n '__radar_using render' -l theme -x -a 'light dark'
complete -c radar -n '__radar_using render; or __radar_using publish; or __radar_using layout' -l preset -x -a 'slide-16x9 slide-4x3 a4'
complete -c radar -n '__radar_using adr' -a 'init new link list show status generate upgrade-repository'
