# A warm sandbox's Ruby: `ruby /usr/lib/code-runner/ruby-warm.rb main.rb args` writes the ready
# byte, waits for the go line (read unbuffered from fd 0, so the program's STDIN has consumed
# nothing), then runs main.rb as `ruby main.rb args` would: $0, ARGV, __FILE__, DATA, the `<main>`
# frame, syntax errors and uncaught exceptions as Ruby prints them (error_highlight included),
# without this loader's frames. Nothing of it stays visible but `caller` and the process title.
-> do
  loader = __FILE__
  STDOUT.syswrite("\x06")
  loop do
    byte = begin
      STDIN.sysread(1)
    rescue EOFError
      exit!(125)
    end
    break if byte == "\n"
  end
  path = ARGV.shift
  $0 = path
  begin
    iseq = RubyVM::InstructionSequence.compile_file(path)
  rescue SyntaxError => error
    # As Ruby reports a script that does not parse: its message alone, status 1.
    message = error.message
    STDERR.write(message.end_with?("\n") ? message : "#{message}\n")
    exit!(1)
  end
  source = File.binread(path)
  if (marker = source.match(/^__END__\r?(?:\n|\z)/))
    data = File.open(path)
    data.seek(marker.end(0))
    Object.const_set(:DATA, data)
  end
  begin
    iseq.eval
  rescue Exception => error
    hide_loader = lambda do |exception, seen|
      next if exception.nil? || seen.include?(exception)
      trace = exception.backtrace
      if trace
        kept = trace.reject { |line| line.start_with?("#{loader}:") }
        if exception.is_a?(NameError)
          # error_highlight reads backtrace_locations, which set_backtrace would drop.
          exception.define_singleton_method(:backtrace) { kept }
        else
          # Ruby's printer elides a SystemStackError's trace by its class: keep it the real one.
          exception.set_backtrace(kept)
        end
      end
      hide_loader.call(exception.cause, seen << exception)
    end
    hide_loader.call(error, [])
    raise
  end
end.call
