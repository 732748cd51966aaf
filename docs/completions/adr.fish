# fish completion for adr (share/fish/vendor_completions.d/adr.fish).
function __adr_numbers
    adr list 2>/dev/null | sed -n 's|^\(.*/\)\{0,1\}0*\([0-9][0-9]*\)-[^/]*\.md$|\2|p'
end
set -l subs init new link list show status generate upgrade-repository help
complete -c adr -f
complete -c adr -n "not __fish_seen_subcommand_from $subs" -a "$subs"
complete -c adr -n '__fish_seen_subcommand_from show status link' -a '(__adr_numbers)' -d ADR
complete -c adr -n '__fish_seen_subcommand_from new' -s s -x -a '(__adr_numbers)' -d 'supersede ADR'
complete -c adr -n '__fish_seen_subcommand_from new' -s l -x -d 'N:LINK:REVERSE'
complete -c adr -n '__fish_seen_subcommand_from generate' -a 'toc graph'
complete -c adr -n '__fish_seen_subcommand_from init' -a '(__fish_complete_directories)'
