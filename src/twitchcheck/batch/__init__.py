"""Assessment at scale: ``twitchcheck batch`` — many records, the same results as ``assess()``.

``records`` parses input lines, ``scorer`` scores records in chunks with NumPy and writes each
result as the ``assess --json`` shape, ``stream`` runs a whole input with constant memory.
"""
