@_exported import TobanModel
@_exported import TobanMIP
@_exported import TobanCheck
@_exported import TobanExport
@_exported import TobanSolver
