@_exported import LinimasaCore
@_exported import LinimasaExtract
@_exported import LinimasaIngest
@_exported import LinimasaText
@_exported import LinimasaTime
@_exported import LinimasaGroup
@_exported import LinimasaSummarize
@_exported import LinimasaEntities
